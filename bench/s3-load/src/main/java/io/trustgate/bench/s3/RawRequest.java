package io.trustgate.bench.s3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One request of the raw generator and what its response must carry: {@code body} (or null) goes out with its
 * real SHA-256 {@code bodySha256}; a 200 is required (or a 409 when {@code conflictOk}, for creating a bucket that
 * exists), the ETag must be {@code "expectEtag"} when that is set, and a GET body must equal {@code expectBody}.
 */
record RawRequest(String method, String encodedPath, ByteBuf body, String bodySha256, byte[] expectBody,
                  String expectEtag, boolean conflictOk) {

    static RawRequest get(String encodedPath, Payload expected) {
        return new RawRequest("GET", encodedPath, null, SigV4Signer.EMPTY_SHA256, expected.bytes(), expected.md5(),
                false);
    }

    static RawRequest put(String encodedPath, Payload body) {
        return new RawRequest("PUT", encodedPath, body.wire(), body.sha256(), null, body.md5(), false);
    }

    static RawRequest createBucket(String bucket) {
        return new RawRequest("PUT", "/" + bucket, null, SigV4Signer.EMPTY_SHA256, null, null, true);
    }

    /**
     * An object body with its SHA-256 (signed as x-amz-content-sha256) and MD5 (its ETag), computed once, and a
     * direct, never-released copy that requests send duplicates of (a heap buffer would be copied to a direct one
     * on every write).
     */
    record Payload(byte[] bytes, ByteBuf wire, String sha256, String md5) {
        static Payload of(byte[] bytes) {
            ByteBuf wire = Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
            return new Payload(bytes, wire, Workloads.sha256Hex(bytes), Workloads.md5Hex(bytes));
        }
    }
}
