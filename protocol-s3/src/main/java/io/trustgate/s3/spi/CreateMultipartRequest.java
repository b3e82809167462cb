package io.trustgate.s3.spi;

/**
 * Starts a multipart upload.
 *
 * @param bucket            the bucket
 * @param key               the key
 * @param properties        stored on the completed object
 * @param checksumAlgorithm upper-case algorithm the parts carry ({@code x-amz-checksum-algorithm}), or null
 * @param checksumType      COMPOSITE or FULL_OBJECT when an algorithm is set, else null
 */
public record CreateMultipartRequest(String bucket, String key, ObjectProperties properties,
                                     String checksumAlgorithm, ChecksumType checksumType) {
}
