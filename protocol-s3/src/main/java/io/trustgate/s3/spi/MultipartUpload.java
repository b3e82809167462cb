package io.trustgate.s3.spi;

import java.time.Instant;

/**
 * An open multipart upload.
 *
 * @param key               the key
 * @param uploadId          opaque, URL-safe, unique within the bucket
 * @param initiated         when it was created
 * @param checksumAlgorithm as requested at creation, or null
 * @param checksumType      as requested at creation, or null
 */
public record MultipartUpload(String key, String uploadId, Instant initiated, String checksumAlgorithm,
                              ChecksumType checksumType) {
}
