package io.trustgate.s3.spi;

/**
 * A whole-object upload.
 *
 * @param bucket            the bucket
 * @param key               the key
 * @param contentLength     the decoded body length when known in advance, else -1 (the writer must not rely on it)
 * @param properties        content headers and user metadata to store
 * @param conditions        checked at commit
 * @param checksumAlgorithm the checksum the client chose, upper-case S3 name ({@code CRC32}, {@code SHA256}, ...),
 *                          named before the body arrives (an {@code x-amz-checksum-*} header, or
 *                          {@code x-amz-trailer} / {@code x-amz-sdk-checksum-algorithm}); null when none. The
 *                          server verifies it against the body either way; a backend may pass it on.
 * @param checksumValue     its base64 value when it came as a header, null when it comes in a trailer (or none)
 */
public record PutObjectRequest(String bucket, String key, long contentLength, ObjectProperties properties,
                               WriteConditions conditions, String checksumAlgorithm, String checksumValue) {

    /** An upload without a client checksum. */
    public PutObjectRequest(String bucket, String key, long contentLength, ObjectProperties properties,
                            WriteConditions conditions) {
        this(bucket, key, contentLength, properties, conditions, null, null);
    }
}
