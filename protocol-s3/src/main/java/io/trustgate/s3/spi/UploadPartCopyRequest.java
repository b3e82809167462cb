package io.trustgate.s3.spi;

/**
 * UploadPartCopy inside one backend: bytes {@code [offset, offset + length)} of the source object become part
 * {@code partNumber} of the upload. The server has already routed both buckets to this backend, evaluated the
 * copy-source conditions against the source and checked the range against its size.
 *
 * @param sourceBucket source bucket
 * @param sourceKey    source key
 * @param sourceEtag   bare ETag the source must still have ({@code PreconditionFailed} otherwise), or null
 * @param offset       first byte of the source to copy
 * @param length       bytes to copy (0 for an empty source)
 * @param bucket       the upload's bucket
 * @param key          the upload's key
 * @param uploadId     the upload
 * @param partNumber   1 to 10000
 */
public record UploadPartCopyRequest(String sourceBucket, String sourceKey, String sourceEtag, long offset,
                                    long length, String bucket, String key, String uploadId, int partNumber) {
}
