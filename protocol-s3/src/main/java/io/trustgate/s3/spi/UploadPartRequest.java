package io.trustgate.s3.spi;

/**
 * One part of a multipart upload.
 *
 * @param bucket        the bucket
 * @param key           the key
 * @param uploadId      the upload
 * @param partNumber    1 to 10000
 * @param contentLength decoded length when known, else -1
 */
public record UploadPartRequest(String bucket, String key, String uploadId, int partNumber, long contentLength) {
}
