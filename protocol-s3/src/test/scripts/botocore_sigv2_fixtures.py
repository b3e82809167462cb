#!/usr/bin/env python3
"""Signs a set of S3 requests with botocore's Signature Version 2 signers (HmacV1Auth for the Authorization header,
HmacV1QueryAuth for presigned URLs: what boto3 uses with signature_version 's3', Debian's default) at a fixed time
and writes them, as they would appear on the wire, to ../resources/io/trustgate/s3/auth/botocore-sigv2-signed.json.
SigV2FixturesTest verifies every one. Re-run after changing the cases: python3 botocore_sigv2_fixtures.py"""
import json
import os
from unittest import mock
from urllib.parse import urlsplit

import botocore
from botocore.auth import HmacV1Auth, HmacV1QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "AKIDBOTOCOREV2"
SECRET_KEY = "botocore/v2+secret"
DATE = "Sun, 29 Nov 2026 06:30:00 GMT"  # the Date header of header-signed requests
SIGNED_AT = "2026-11-29T06:30:00Z"
EXPIRES = "1795937400"  # 2026-11-29T06:30:00Z + 3600 s, the Expires of presigned URLs

CASES = [
    # name, method, url, headers, presigned, virtual-host bucket (auth_path prefix) or None
    ("get-plain", "GET", "http://localhost:9000/bucket/key.txt", {}, False, None),
    ("put-type-md5", "PUT", "http://localhost:9000/bucket/dir/file.bin",
     {"Content-Type": "application/x-bin", "Content-MD5": "XrY7u+Ae7tCTyyK7j1rNww=="}, False, None),
    ("put-amz-headers", "PUT", "http://localhost:9000/bucket/meta",
     {"x-amz-meta-Note": "  spaced value ", "X-Amz-Acl": "private", "x-amz-storage-class": "STANDARD"},
     False, None),
    ("put-encoded-path", "PUT", "http://localhost:9000/bucket/caf%C3%A9%20a%2Bb%25.txt", {}, False, None),
    ("list-query-not-signed", "GET", "http://localhost:9000/bucket?prefix=photos%2F&max-keys=50&marker=x",
     {}, False, None),
    ("acl-subresource", "GET", "http://localhost:9000/bucket/key?acl", {}, False, None),
    ("upload-part", "PUT", "http://localhost:9000/bucket/big?uploadId=abc%2Bdef&partNumber=2", {}, False, None),
    ("delete-multiple", "POST", "http://localhost:9000/bucket?delete",
     {"Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg==", "Content-Type": "application/xml"}, False, None),
    ("response-overrides", "GET",
     "http://localhost:9000/bucket/k?response-content-disposition=attachment%3B%20filename%3D%22a%20b.txt%22"
     "&response-content-type=text%2Fplain&versionId=v1", {}, False, None),
    ("list-buckets", "GET", "http://localhost:9000/", {}, False, None),
    ("virtual-host", "GET", "http://bucket.s3.localhost:9000/dir/key%20with%20space", {}, False, "bucket"),
    ("virtual-host-root", "GET", "http://bucket.s3.localhost:9000/?location", {}, False, "bucket"),
    ("presigned-get", "GET", "http://localhost:9000/bucket/report%202026.pdf", {}, True, None),
    ("presigned-put-type", "PUT", "http://localhost:9000/bucket/upload.png", {"Content-Type": "image/png"},
     True, None),
    ("presigned-override", "GET", "http://localhost:9000/bucket/k?response-content-type=application%2Fjson",
     {}, True, None),
    ("presigned-virtual-host", "GET", "http://bucket.s3.localhost:9000/k.txt", {}, True, "bucket"),
    # A path-style request to the bucket itself: boto3's client signs it with auth_path "/bucket/".
    ("path-style-bucket", "GET", "http://localhost:9000/bucket?prefix=dir%2F&encoding-type=url", {}, False, None),
    ("presigned-path-style-bucket", "GET", "http://localhost:9000/bucket?max-keys=2", {}, True, None),
]


def sign(method, url, headers, presigned, host_bucket):
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=b"")
    parts = urlsplit(url)
    if host_bucket is not None:
        request.auth_path = "/" + host_bucket + (parts.path or "/")
    elif parts.path.count("/") == 1 and len(parts.path) > 1:
        request.auth_path = parts.path + "/"  # what botocore's client does for path-style bucket requests
    credentials = Credentials(ACCESS_KEY, SECRET_KEY)
    if presigned:
        with mock.patch.object(HmacV1QueryAuth, "_get_date", return_value=EXPIRES):
            HmacV1QueryAuth(credentials, expires=3600).add_auth(request)
    else:
        with mock.patch.object(HmacV1Auth, "_get_date", return_value=DATE):
            HmacV1Auth(credentials).add_auth(request)
    prepared = request.prepare()
    parts = urlsplit(prepared.url)
    wire_headers = {}
    for name, value in prepared.headers.items():
        wire_headers.setdefault(name.lower(), []).append(value if isinstance(value, str) else value.decode())
    wire_headers.setdefault("host", [parts.netloc])
    if presigned:  # the signed Content-Type goes in the query; the URL's holder still sends the header
        wire_headers = {k: v for k, v in wire_headers.items() if k in ("host", "content-type")}
    return {"method": method, "rawPath": parts.path or "/", "rawQuery": parts.query, "headers": wire_headers,
            "hostBucket": host_bucket}


def main():
    out = []
    for name, method, url, headers, presigned, host_bucket in CASES:
        signed = sign(method, url, headers, presigned, host_bucket)
        signed["name"] = name
        out.append(signed)
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "../resources/io/trustgate/s3/auth/botocore-sigv2-signed.json")
    with open(target, "w") as f:
        json.dump({"botocore": botocore.__version__, "accessKey": ACCESS_KEY, "secretKey": SECRET_KEY,
                   "signedAt": SIGNED_AT, "requests": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
