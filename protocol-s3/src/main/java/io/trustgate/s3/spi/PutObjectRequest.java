package io.trustgate.s3.spi;

/**
 * A whole-object upload.
 *
 * @param bucket        the bucket
 * @param key           the key
 * @param contentLength the decoded body length when known in advance, else -1 (the writer must not rely on it)
 * @param properties    content headers and user metadata to store
 * @param conditions    checked at commit
 */
public record PutObjectRequest(String bucket, String key, long contentLength, ObjectProperties properties,
                               WriteConditions conditions) {
}
