#!/usr/bin/env python3
"""Signs a set of S3 requests with botocore (the signer inside boto3 and awscli) at a fixed time and writes them,
as they would appear on the wire, to ../resources/io/trustgate/s3/auth/botocore-signed.json.
BotocoreFixturesTest verifies every one. Re-run after changing the cases: python3 botocore_sigv4_fixtures.py"""
import datetime
import json
import os
from unittest import mock
from urllib.parse import urlsplit

import botocore.auth
from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "AKIDBOTOCORETEST"
SECRET_KEY = "botocore/secret+key"
REGION = "eu-central-1"
NOW = datetime.datetime(2026, 11, 29, 6, 30, 0, tzinfo=datetime.timezone.utc)

CASES = [
    # name, method, url, headers, body, presign-expires (None = header auth)
    ("get-plain", "GET", "http://localhost:9000/bucket/key.txt", {}, b"", None),
    ("put-body-hash", "PUT", "http://localhost:9000/bucket/dir/file.bin", {"Content-Type": "application/x-bin"},
     b"some bytes for botocore", None),
    ("put-reserved-chars", "PUT", "http://localhost:9000/bucket/a%2Bb%3Dc%3Ad%40e%21f%24g%26h", {}, b"x", None),
    ("put-unicode", "PUT", "http://localhost:9000/bucket/%E6%97%A5%E6%9C%AC/%C3%A9t%C3%A9%20x", {}, b"y", None),
    ("get-tilde", "GET", "http://localhost:9000/bucket/~user/a~b", {}, b"", None),
    ("list-query", "GET",
     "http://localhost:9000/bucket?list-type=2&prefix=photos%2F2026%2001%2F&delimiter=%2F&encoding-type=url",
     {}, b"", None),
    ("valueless-query", "GET", "http://localhost:9000/bucket?uploads", {}, b"", None),
    ("meta-spaces", "PUT", "http://localhost:9000/bucket/meta",
     {"x-amz-meta-note": "  several   spaces  here ", "x-amz-meta-tabbed": "a\tb"}, b"z", None),
    ("virtual-host", "GET", "http://bucket.s3.localhost:9000/key%20with%20space", {}, b"", None),
    ("presigned-get", "GET", "http://localhost:9000/bucket/report%202026.pdf", {}, b"", 3600),
    ("presigned-put", "PUT", "http://localhost:9000/bucket/upload.bin", {}, b"", 604800),
    ("presigned-query", "GET", "http://localhost:9000/bucket/k?response-content-disposition=attachment%3B%20x",
     {}, b"", 900),
]


def sign(method, url, headers, body, expires):
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    credentials = Credentials(ACCESS_KEY, SECRET_KEY)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=NOW):
        if expires is None:
            S3SigV4Auth(credentials, "s3", REGION).add_auth(request)
        else:
            S3SigV4QueryAuth(credentials, "s3", REGION, expires=expires).add_auth(request)
    prepared = request.prepare()
    parts = urlsplit(prepared.url)
    wire_headers = {}
    for name, value in prepared.headers.items():
        wire_headers.setdefault(name.lower(), []).append(value if isinstance(value, str) else value.decode())
    wire_headers.setdefault("host", [parts.netloc])
    return {"method": method, "rawPath": parts.path or "/", "rawQuery": parts.query, "headers": wire_headers}


def main():
    out = []
    for name, method, url, headers, body, expires in CASES:
        signed = sign(method, url, headers, body, expires)
        signed["name"] = name
        out.append(signed)
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "../resources/io/trustgate/s3/auth/botocore-signed.json")
    with open(target, "w") as f:
        json.dump({"botocore": botocore.__version__, "accessKey": ACCESS_KEY, "secretKey": SECRET_KEY,
                   "signedAt": NOW.strftime("%Y-%m-%dT%H:%M:%SZ"), "requests": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
