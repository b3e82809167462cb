#!/usr/bin/python3
"""boto3, unchanged, against a gateway whose endpoint host is itself a virtual-host suffix.

Usage: /usr/bin/python3 s3_addressing.py --endpoint http://s3.localhost:PORT --access-key AK --secret-key SK

Names under .localhost are resolved to 127.0.0.1 inside this process (glibc here does not). With both
addressing styles: create a bucket, put, list (V2 and V1), get, GetBucketLocation (botocore sends it path style
to the endpoint host even with virtual addressing) and delete. Prints one line per style and "N passed, M failed".
"""
import argparse
import socket
import sys
import traceback
import uuid

import boto3
from botocore.config import Config

_getaddrinfo = socket.getaddrinfo


def _loopback_for_localhost(host, *args, **kwargs):
    if isinstance(host, str) and (host == "localhost" or host.endswith(".localhost")):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _loopback_for_localhost


def check(args, style):
    sent = []
    s3 = boto3.client("s3", endpoint_url=args.endpoint, aws_access_key_id=args.access_key,
                      aws_secret_access_key=args.secret_key, region_name="us-east-1",
                      config=Config(s3={"addressing_style": style}, signature_version="s3v4",
                                    retries={"max_attempts": 1}))
    s3.meta.events.register("before-send.s3", lambda request, **kw: sent.append(request.url))
    bucket = "tga-%s-%s" % (style, uuid.uuid4().hex[:8])
    s3.create_bucket(Bucket=bucket)
    try:
        s3.put_object(Bucket=bucket, Key="dir/k", Body=b"addressed")
        assert s3.get_bucket_location(Bucket=bucket)["LocationConstraint"] in (None, "us-east-1")
        s3.head_bucket(Bucket=bucket)
        assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["dir/k"]
        assert [o["Key"] for o in s3.list_objects(Bucket=bucket)["Contents"]] == ["dir/k"]
        assert s3.get_object(Bucket=bucket, Key="dir/k")["Body"].read() == b"addressed"
        assert bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]]
        s3.delete_object(Bucket=bucket, Key="dir/k")
    finally:
        s3.delete_bucket(Bucket=bucket)
    host = args.endpoint.split("//", 1)[1]
    want = "//%s.%s/" % (bucket, host) if style == "virtual" else "//%s/%s" % (host, bucket)
    assert any(want in url for url in sent), "no request went to %s: %s" % (want, sent)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--access-key", required=True)
    p.add_argument("--secret-key", required=True)
    args = p.parse_args()
    passed, failed = 0, 0
    for style in ("virtual", "path"):
        try:
            check(args, style)
            passed += 1
            print("PASS %s" % style)
        except Exception:  # noqa: BLE001 - both styles are reported
            failed += 1
            print("FAIL %s" % style)
            traceback.print_exc(file=sys.stdout)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
