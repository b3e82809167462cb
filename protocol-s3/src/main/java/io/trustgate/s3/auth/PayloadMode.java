package io.trustgate.s3.auth;

/** How the request body is protected, from {@code x-amz-content-sha256}. */
public enum PayloadMode {
    /** {@code UNSIGNED-PAYLOAD}, or no header on an anonymous/presigned request: the body is not covered. */
    UNSIGNED_PAYLOAD("UNSIGNED-PAYLOAD"),
    /** A hex SHA-256 of the body: verify it after streaming with {@link PayloadHashVerifier}. */
    SHA256(null),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, every chunk signed. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: aws-chunked, chunks and the trailer signed. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked, unsigned chunks, trailer with a checksum. */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    private final String headerValue;

    PayloadMode(String headerValue) {
        this.headerValue = headerValue;
    }

    /** The literal {@code x-amz-content-sha256} value; {@code null} for {@link #SHA256} (the value is the digest). */
    public String headerValue() {
        return headerValue;
    }

    /** True when the body is {@code aws-chunked} and must go through {@link AwsChunkedDecoder}. */
    public boolean isChunked() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** True when the aws-chunked body ends with trailing headers. */
    public boolean hasTrailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** True when each chunk carries a signature. */
    public boolean signsChunks() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    /** Any of the {@code STREAMING-*} literal values; other values are not streaming modes. */
    static PayloadMode streamingFromHeader(String value) {
        for (PayloadMode mode : values()) {
            if (mode.isChunked() && mode.headerValue.equals(value)) {
                return mode;
            }
        }
        return null;
    }
}
