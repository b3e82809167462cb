#!/usr/bin/python3
"""boto3, unchanged (Debian python3-boto3), against one S3 lane.

Usage: /usr/bin/python3 s3_compat.py --endpoint http://127.0.0.1:9100 --access-key AK --secret-key SK
           --target s3proxy [--deviations content_type_rewritten,...]

Boto3IT passes the lane's deviations from S3Target.java (lower-cased), the one declaration; where a lane is known
to depart from AWS the check asserts that lane's behaviour and says so, everywhere else AWS behaviour.

Runs every check, prints one line per check and a final "N passed, M failed" line; exits 1 when any failed.
"""
import argparse
import hashlib
import io
import random
import sys
import traceback
import urllib.error
import urllib.request
import uuid

import boto3
import botocore
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

TIMEOUT = 60


class Checks:
    def __init__(self, args):
        self.args = args
        self.deviations = set(filter(None, args.deviations.split(",")))
        self.passed, self.failed = 0, 0
        self.s3 = self.client(args.secret_key)
        self.buckets = []

    def client(self, secret, signature_version="s3v4", access_key=None):
        return boto3.client("s3", endpoint_url=self.args.endpoint,
                            aws_access_key_id=access_key or self.args.access_key,
                            aws_secret_access_key=secret, region_name="us-east-1",
                            config=Config(s3={"addressing_style": "path"}, signature_version=signature_version,
                                          connect_timeout=10, read_timeout=TIMEOUT,
                                          retries={"max_attempts": 2, "mode": "standard"}))

    def bucket(self, what):
        name = "tgc-%s-py-%s-%s" % (self.args.target, what, uuid.uuid4().hex[:8])
        self.s3.create_bucket(Bucket=name)
        self.buckets.append(name)
        return name

    def deviates(self, deviation):
        return deviation in self.deviations

    def run(self, check):
        try:
            check()
            self.passed += 1
            print("PASS %s" % check.__name__)
        except Exception:  # noqa: BLE001 - every failure is reported, none stops the run
            self.failed += 1
            print("FAIL %s\n%s" % (check.__name__, traceback.format_exc()))
        sys.stdout.flush()

    def cleanup(self):
        for name in self.buckets:
            try:
                for up in self.s3.list_multipart_uploads(Bucket=name).get("Uploads", []):
                    self.s3.abort_multipart_upload(Bucket=name, Key=up["Key"], UploadId=up["UploadId"])
                for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=name):
                    keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
                    if keys:
                        self.s3.delete_objects(Bucket=name, Delete={"Objects": keys, "Quiet": True})
                self.s3.delete_bucket(Bucket=name)
            except ClientError as e:
                print("cleanup of %s: %s" % (name, e))

    # ------------------------------------------------------------------ checks

    def list_buckets_and_objects(self):
        b = self.bucket("list")
        keys = ["a/1", "a/2", "a/b/3", "c", "d/4", "e"]
        for k in keys:
            self.s3.put_object(Bucket=b, Key=k, Body=k.encode())
        assert b in [x["Name"] for x in self.s3.list_buckets()["Buckets"]]
        r = self.s3.list_objects_v2(Bucket=b, Prefix="a/", Delimiter="/")
        assert [o["Key"] for o in r["Contents"]] == ["a/1", "a/2"], r
        assert [p["Prefix"] for p in r["CommonPrefixes"]] == ["a/b/"], r
        pages = list(self.s3.get_paginator("list_objects_v2").paginate(Bucket=b, PaginationConfig={"PageSize": 2}))
        assert len(pages) == 3, len(pages)
        assert [o["Key"] for p in pages for o in p["Contents"]] == keys
        v1 = self.s3.list_objects(Bucket=b, Marker="a/b/3", MaxKeys=2)
        assert [o["Key"] for o in v1["Contents"]] == ["c", "d/4"] and v1["IsTruncated"], v1

    def put_get_and_range(self):
        b = self.bucket("range")
        data = random.Random(1).randbytes(200_000)
        put = self.s3.put_object(Bucket=b, Key="obj", Body=data)
        assert put["ETag"] == '"%s"' % hashlib.md5(data).hexdigest(), put["ETag"]
        assert self.s3.get_object(Bucket=b, Key="obj")["Body"].read() == data
        r = self.s3.get_object(Bucket=b, Key="obj", Range="bytes=100-199")
        assert r["Body"].read() == data[100:200] and r["ContentRange"] == "bytes 100-199/200000", r["ContentRange"]
        assert self.s3.get_object(Bucket=b, Key="obj", Range="bytes=-7")["Body"].read() == data[-7:]
        assert self.s3.head_object(Bucket=b, Key="obj")["ContentLength"] == len(data)

    def multipart_three_parts(self):
        b = self.bucket("mpu")
        parts = [random.Random(i).randbytes(5 << 20) for i in (1, 2)] + [b"tail"]
        up = self.s3.create_multipart_upload(Bucket=b, Key="big", ContentType="application/x-mpu")["UploadId"]
        done = []
        for n, part in enumerate(parts, start=1):
            etag = self.s3.upload_part(Bucket=b, Key="big", UploadId=up, PartNumber=n, Body=part)["ETag"]
            done.append({"PartNumber": n, "ETag": etag})
        listed = self.s3.list_parts(Bucket=b, Key="big", UploadId=up)["Parts"]
        assert [p["PartNumber"] for p in listed] == [1, 2, 3], listed
        r = self.s3.complete_multipart_upload(Bucket=b, Key="big", UploadId=up, MultipartUpload={"Parts": done})
        assert r["ETag"].endswith('-3"'), r["ETag"]
        got = self.s3.get_object(Bucket=b, Key="big")
        assert got["Body"].read() == b"".join(parts) and got["ContentType"] == "application/x-mpu"

    def multipart_complete_repeated_and_part_checksums(self):
        b = self.bucket("mpc")
        data = random.Random(8).randbytes(3000)
        up = self.s3.create_multipart_upload(Bucket=b, Key="k", ChecksumAlgorithm="CRC32")["UploadId"]
        r = self.s3.upload_part(Bucket=b, Key="k", UploadId=up, PartNumber=1, Body=data, ChecksumAlgorithm="CRC32")
        part = {"PartNumber": 1, "ETag": r["ETag"], "ChecksumCRC32": r["ChecksumCRC32"]}
        if not self.deviates("part_checksums_not_checked"):
            missing = {"PartNumber": 1, "ETag": r["ETag"]}
            expect_error(lambda: self.s3.complete_multipart_upload(Bucket=b, Key="k", UploadId=up,
                                                                   MultipartUpload={"Parts": [missing]}),
                         400, "InvalidRequest")
            wrong = dict(part, ChecksumCRC32="AAAAAA==")
            expect_error(lambda: self.s3.complete_multipart_upload(Bucket=b, Key="k", UploadId=up,
                                                                   MultipartUpload={"Parts": [wrong]}),
                         400, "InvalidPart")
        first = self.s3.complete_multipart_upload(Bucket=b, Key="k", UploadId=up, MultipartUpload={"Parts": [part]})
        # an SDK that lost the first answer to a timeout sends the same Complete again: AWS answers it the same way
        again = self.s3.complete_multipart_upload(Bucket=b, Key="k", UploadId=up, MultipartUpload={"Parts": [part]})
        for field in ("ETag", "Bucket", "Key", "Location", "ChecksumCRC32"):
            assert again.get(field) == first.get(field), (field, first.get(field), again.get(field))
        assert first["ETag"].endswith('-1"'), first["ETag"]
        assert self.s3.get_object(Bucket=b, Key="k")["Body"].read() == data

    def transfer_upload_and_download(self):
        b = self.bucket("xfer")
        data = random.Random(7).randbytes(12 << 20)
        cfg = TransferConfig(multipart_threshold=5 << 20, multipart_chunksize=5 << 20)
        self.s3.upload_fileobj(io.BytesIO(data), b, "file.bin", Config=cfg)
        assert self.s3.head_object(Bucket=b, Key="file.bin")["ETag"].endswith('-3"')
        out = io.BytesIO()
        self.s3.download_fileobj(b, "file.bin", out, Config=cfg)
        assert out.getvalue() == data

    def copy_object(self):
        b = self.bucket("copy")
        self.s3.put_object(Bucket=b, Key="src", Body=b"copy me", Metadata={"colour": "blue"})
        self.s3.copy_object(Bucket=b, Key="same", CopySource={"Bucket": b, "Key": "src"})
        assert self.s3.head_object(Bucket=b, Key="same")["Metadata"] == {"colour": "blue"}
        self.s3.copy_object(Bucket=b, Key="new", CopySource={"Bucket": b, "Key": "src"},
                            MetadataDirective="REPLACE", Metadata={"colour": "red"})
        assert self.s3.head_object(Bucket=b, Key="new")["Metadata"] == {"colour": "red"}
        assert self.s3.get_object(Bucket=b, Key="new")["Body"].read() == b"copy me"

    def delete_many(self):
        b = self.bucket("del")
        for k in ("x1", "x2", "x3", "keep"):
            self.s3.put_object(Bucket=b, Key=k, Body=b"v")
        r = self.s3.delete_objects(Bucket=b, Delete={"Objects": [{"Key": k} for k in ("x1", "x2", "x3")]})
        assert sorted(d["Key"] for d in r["Deleted"]) == ["x1", "x2", "x3"] and not r.get("Errors"), r
        assert [o["Key"] for o in self.s3.list_objects_v2(Bucket=b)["Contents"]] == ["keep"]

    def presigned_get_and_put(self):
        b = self.bucket("presign")
        put_url = self.s3.generate_presigned_url("put_object", Params={"Bucket": b, "Key": "p"}, ExpiresIn=600)
        req = urllib.request.Request(put_url, data=b"presigned body", method="PUT")
        if self.deviates("form_urlencoded_put_refused"):
            # The lane parses urllib's default Content-Type (application/x-www-form-urlencoded) as a form and then
            # refuses the signature (S3Target.Deviation.FORM_URLENCODED_PUT_REFUSED); AWS stores the body.
            try:
                urllib.request.urlopen(req, timeout=TIMEOUT)
                raise AssertionError("the lane was expected to refuse a form-encoded presigned PUT")
            except urllib.error.HTTPError as e:
                assert e.code == 403, e
            req = urllib.request.Request(put_url, data=b"presigned body", method="PUT",
                                         headers={"Content-Type": "application/octet-stream"})
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            assert resp.status == 200
        get_url = self.s3.generate_presigned_url("get_object", Params={"Bucket": b, "Key": "p"}, ExpiresIn=600)
        with urllib.request.urlopen(get_url, timeout=TIMEOUT) as resp:
            assert resp.read() == b"presigned body"
        try:
            urllib.request.urlopen(get_url.replace("/p?", "/q?"), timeout=TIMEOUT)
            raise AssertionError("a tampered presigned URL was accepted")
        except urllib.error.HTTPError as e:
            assert e.code == 403 and b"SignatureDoesNotMatch" in e.read(), e

    def signature_version_2(self):
        """botocore's signature_version 's3' (AWS Signature Version 2, Debian's default for presigning): header-signed
        calls, presigned GET (with a response override) and PUT, and the refusals AWS gives."""
        v2 = self.client(self.args.secret_key, signature_version="s3")
        b = self.bucket("sigv2")
        key = "dir/caf\u00e9 a+b%.txt"
        v2.put_object(Bucket=b, Key=key, Body=b"v2 body", ContentType="text/plain", Metadata={"who": "v2"})
        head = v2.head_object(Bucket=b, Key=key)
        assert head["ContentType"] == "text/plain" and head["Metadata"] == {"who": "v2"}, head
        # ListObjects (v1): botocore signs a path-style ListObjectsV2 over "/bucket?list-type=2", which AWS refuses
        # too (boto/boto3#4433).
        assert [o["Key"] for o in v2.list_objects(Bucket=b, Prefix="dir/")["Contents"]] == [key]
        assert v2.get_object(Bucket=b, Key=key, Range="bytes=3-6")["Body"].read() == b"body"
        get_url = v2.generate_presigned_url("get_object", Params={
            "Bucket": b, "Key": key, "ResponseContentDisposition": 'attachment; filename="x y.txt"'}, ExpiresIn=600)
        assert "AWSAccessKeyId=" in get_url and "X-Amz-" not in get_url, get_url
        with urllib.request.urlopen(get_url, timeout=TIMEOUT) as resp:
            assert resp.read() == b"v2 body"
            assert resp.headers["Content-Disposition"] == 'attachment; filename="x y.txt"', resp.headers
        put_url = v2.generate_presigned_url("put_object", Params={"Bucket": b, "Key": "up/p",
                                                                  "ContentType": "application/octet-stream"},
                                            ExpiresIn=600)
        req = urllib.request.Request(put_url, data=b"presigned v2", method="PUT",
                                     headers={"Content-Type": "application/octet-stream"})
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            assert resp.status == 200
        assert self.s3.get_object(Bucket=b, Key="up/p")["Body"].read() == b"presigned v2"
        # The SigV2 presigner moves the call's x-amz-* headers (here the metadata) into the URL, signed there;
        # whoever holds the URL sends none of them.
        meta_url = v2.generate_presigned_url("put_object", Params={"Bucket": b, "Key": "up/m",
                                                                   "Metadata": {"who": "query"}}, ExpiresIn=600)
        assert "x-amz-meta-who=query" in meta_url, meta_url
        if self.deviates("presigned_query_headers_ignored"):
            self.expect_http_error(meta_url, 403, b"<Code>SignatureDoesNotMatch</Code>", method="PUT", data=b"m")
        else:
            meta_put = urllib.request.Request(meta_url, data=b"with metadata", method="PUT",
                                              headers={"Content-Type": ""})
            with urllib.request.urlopen(meta_put, timeout=TIMEOUT) as resp:
                assert resp.status == 200
            assert self.s3.head_object(Bucket=b, Key="up/m")["Metadata"] == {"who": "query"}
        # No signature_version at all: Debian's botocore presigns with SigV2 by default (the case that broke).
        default = boto3.client("s3", endpoint_url=self.args.endpoint, aws_access_key_id=self.args.access_key,
                               aws_secret_access_key=self.args.secret_key, region_name="us-east-1",
                               config=Config(s3={"addressing_style": "path"}))
        default_url = default.generate_presigned_url("get_object", Params={"Bucket": b, "Key": "up/p"})
        with urllib.request.urlopen(default_url, timeout=TIMEOUT) as resp:
            assert resp.read() == b"presigned v2", default_url
        self.expect_http_error(get_url.replace("/dir/", "/dim/"), 403, b"<Code>SignatureDoesNotMatch</Code>")
        expired = v2.generate_presigned_url("get_object", Params={"Bucket": b, "Key": key}, ExpiresIn=-60)
        self.expect_http_error(expired, 403, b"<Code>AccessDenied</Code>", b"Request has expired")
        expect_error(lambda: self.client("not-the-secret", signature_version="s3").get_object(Bucket=b, Key=key),
                     403, "SignatureDoesNotMatch")
        expect_error(lambda: self.client(self.args.secret_key, signature_version="s3",
                                         access_key="TGCUNKNOWNKEY").get_object(Bucket=b, Key=key),
                     403, "InvalidAccessKeyId")

    @staticmethod
    def expect_http_error(url, status, *needles, method="GET", data=None):
        try:
            urllib.request.urlopen(urllib.request.Request(url, data=data, method=method,
                                                          headers={"Content-Type": ""} if data else {}),
                                   timeout=TIMEOUT)
        except urllib.error.HTTPError as e:
            body = e.read()
            assert e.code == status and all(n in body for n in needles), (e.code, body)
            return
        raise AssertionError("expected HTTP %d, the request succeeded: %s" % (status, url))

    def metadata_and_content_headers(self):
        b = self.bucket("meta")
        self.s3.put_object(Bucket=b, Key="m", Body=b"m", Metadata={"author": "ada", "n": "1"},
                           ContentType="text/csv", ContentEncoding="identity", CacheControl="no-store",
                           ContentDisposition='inline; filename="m.csv"', ContentLanguage="de")
        h = self.s3.head_object(Bucket=b, Key="m")
        assert h["Metadata"] == {"author": "ada", "n": "1"}, h["Metadata"]
        assert h["ContentType"] == "text/csv" and h["CacheControl"] == "no-store", h
        assert h["ContentDisposition"] == 'inline; filename="m.csv"' and h["ContentLanguage"] == "de", h
        assert h["ContentEncoding"] == "identity", h

    def checksums(self):
        b = self.bucket("sum")
        data = random.Random(3).randbytes(100_000)
        for alg in ("CRC32", "CRC32C", "SHA1", "SHA256"):
            self.s3.put_object(Bucket=b, Key=alg, Body=data, ChecksumAlgorithm=alg)
            r = self.s3.get_object(Bucket=b, Key=alg, ChecksumMode="ENABLED")
            assert r["Body"].read() == data
            # botocore 1.26 sends the checksum as a header over HTTP (no trailer): every lane stores it.
            assert r.get("Checksum" + alg), r
        try:
            self.s3.put_object(Bucket=b, Key="bad", Body=data, ChecksumSHA256="47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
            raise AssertionError("a wrong x-amz-checksum-sha256 was accepted")
        except ClientError as e:
            assert e.response["Error"]["Code"] == "BadDigest", e.response

    def errors(self):
        b = self.bucket("err")
        self.s3.put_object(Bucket=b, Key="ten", Body=b"0123456789")
        expect_error(lambda: self.s3.get_object(Bucket=b, Key="nope"), 404, "NoSuchKey")
        expect_error(lambda: self.s3.get_object(Bucket=b + "-missing", Key="k"), 404, "NoSuchBucket")
        expect_error(lambda: self.s3.delete_bucket(Bucket=b), 409, "BucketNotEmpty")
        expect_error(lambda: self.s3.get_object(Bucket=b, Key="ten", Range="bytes=20-30"), 416, "InvalidRange")
        expect_error(lambda: self.client(self.args.secret_key + "x").list_buckets(), 403, "SignatureDoesNotMatch")
        expect_error(lambda: self.s3.put_object(Bucket=b, Key="ten", Body=b"x", IfNoneMatch="*")
                     if "IfNoneMatch" in self.s3.meta.service_model.operation_model("PutObject").input_shape.members
                     else raise_412(), 412, "PreconditionFailed")

    def versions_and_refusals(self):
        b = self.bucket("refuse")
        self.s3.put_object(Bucket=b, Key="k", Body=b"current")
        # Unversioned buckets: only version "null" exists. AWS: 400 InvalidArgument for another id; S3Proxy
        # answers 501 (S3Target.Deviation.VERSIONING_NOT_IMPLEMENTED). Either way the object stays.
        status, code = (501, "NotImplemented") if self.deviates("versioning_not_implemented") \
            else (400, "InvalidArgument")
        expect_error(lambda: self.s3.delete_object(Bucket=b, Key="k", VersionId="abc"), status, code)
        expect_error(lambda: self.s3.get_object(Bucket=b, Key="k", VersionId="abc"), status, code)
        if self.deviates("versioning_not_implemented"):
            expect_error(lambda: self.s3.delete_objects(
                Bucket=b, Delete={"Objects": [{"Key": "k", "VersionId": "abc"}]}), status, code)
        else:
            r = self.s3.delete_objects(Bucket=b, Delete={"Objects": [{"Key": "k", "VersionId": "abc"}]})
            assert [(e["Key"], e["Code"]) for e in r.get("Errors", [])] == [("k", code)] and not r.get("Deleted"), r
        assert self.s3.get_object(Bucket=b, Key="k")["Body"].read() == b"current"
        # What no backend honours is refused, never stored without it.
        expect_error(lambda: self.s3.put_object(Bucket=b, Key="r", Body=b"x", ServerSideEncryption="AES256"),
                     501, "NotImplemented")
        expect_error(lambda: self.s3.put_object(Bucket=b, Key="r", Body=b"x", Tagging="a=b"), 501, "NotImplemented")
        expect_error(lambda: self.s3.put_object(Bucket=b, Key="r", Body=b"x", ObjectLockLegalHoldStatus="ON"),
                     501, "NotImplemented")
        expect_error(lambda: self.s3.put_object(Bucket=b, Key="r", Body=b"x", StorageClass="BOGUS"),
                     400, "InvalidStorageClass")
        expect_error(lambda: self.s3.head_object(Bucket=b, Key="r"), 404, "404")
        expect_error(lambda: self.s3.create_bucket(Bucket="192.168.1.1"), 400, "InvalidBucketName")

    def sse_c_reads(self):
        # No lane here holds an SSE-C object: AWS answers a well-formed key 400 InvalidRequest ("not applicable to
        # this object"), a malformed one 400 InvalidArgument. S3Proxy answers every SSE-C read 501, and PASSTHROUGH
        # forwards GET/HEAD keys to it (S3Target.Deviation.SSE_C_NOT_IMPLEMENTED); the passthrough answers a copy-source
        # key 501 itself (COPY_SOURCE_SSE_C_NOT_FORWARDED).
        b = self.bucket("ssec")
        self.s3.put_object(Bucket=b, Key="plain", Body=b"not encrypted")
        key = bytes(range(32))
        upstream = self.deviates("sse_c_not_implemented")
        status, code = (501, "NotImplemented") if upstream else (400, "InvalidRequest")
        expect_error(lambda: self.s3.get_object(Bucket=b, Key="plain", SSECustomerAlgorithm="AES256",
                                                SSECustomerKey=key), status, code)
        expect_error(lambda: self.s3.head_object(Bucket=b, Key="plain", SSECustomerAlgorithm="AES256",
                                                 SSECustomerKey=key), status, str(status))
        expect_error(lambda: self.s3.get_object(Bucket=b, Key="plain", Range="bytes=0-3",
                                                SSECustomerAlgorithm="AES256", SSECustomerKey=key), status, code)
        expect_error(lambda: self.s3.get_object(Bucket=b, Key="nope", SSECustomerAlgorithm="AES256",
                                                SSECustomerKey=key), *((501, "NotImplemented") if upstream
                                                                       else (404, "NoSuchKey")))
        # A 16-byte key is malformed for AES256: trustgate answers it before any backend (PASSTHROUGH too).
        expect_error(lambda: self.s3.get_object(Bucket=b, Key="plain", SSECustomerAlgorithm="AES256",
                                                SSECustomerKey=key[:16]),
                     *((501, "NotImplemented") if self.args.target == "s3proxy" else (400, "InvalidArgument")))
        copy_status = (501, "NotImplemented") if upstream or self.deviates("copy_source_sse_c_not_forwarded") \
            else (400, "InvalidRequest")
        expect_error(lambda: self.s3.copy_object(Bucket=b, Key="copy", CopySource={"Bucket": b, "Key": "plain"},
                                                 CopySourceSSECustomerAlgorithm="AES256",
                                                 CopySourceSSECustomerKey=key), *copy_status)
        expect_error(lambda: self.s3.head_object(Bucket=b, Key="copy"), 404, "404")
        assert self.s3.get_object(Bucket=b, Key="plain")["Body"].read() == b"not encrypted"


def raise_412():
    raise ClientError({"Error": {"Code": "PreconditionFailed"},
                       "ResponseMetadata": {"HTTPStatusCode": 412}}, "PutObject (If-None-Match not in this botocore)")


def expect_error(call, status, code):
    try:
        call()
    except ClientError as e:
        got = (e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"])
        assert got == (status, code), "expected %s %s, got %s" % (status, code, got)
        return
    raise AssertionError("expected %s %s, the call succeeded" % (status, code))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--access-key", required=True)
    p.add_argument("--secret-key", required=True)
    p.add_argument("--target", required=True)
    p.add_argument("--deviations", default="")
    checks = Checks(p.parse_args())
    print("boto3 %s, botocore %s" % (boto3.__version__, botocore.__version__))
    for check in (checks.list_buckets_and_objects, checks.put_get_and_range, checks.multipart_three_parts,
                  checks.multipart_complete_repeated_and_part_checksums, checks.transfer_upload_and_download,
                  checks.copy_object, checks.delete_many, checks.presigned_get_and_put, checks.signature_version_2,
                  checks.metadata_and_content_headers, checks.checksums, checks.errors,
                  checks.versions_and_refusals, checks.sse_c_reads):
        checks.run(check)
    checks.cleanup()
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
