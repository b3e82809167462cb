package io.trustgate.s3.spi;

/**
 * One part of a multipart upload.
 *
 * @param bucket            the bucket
 * @param key               the key
 * @param uploadId          the upload
 * @param partNumber        1 to 10000
 * @param contentLength     decoded length when known, else -1
 * @param checksumAlgorithm the part checksum the client chose, as in {@link PutObjectRequest}; null when none
 * @param checksumValue     its base64 value when it came as a header, null when in a trailer (or none)
 */
public record UploadPartRequest(String bucket, String key, String uploadId, int partNumber, long contentLength,
                                String checksumAlgorithm, String checksumValue) {

    /** A part without a client checksum. */
    public UploadPartRequest(String bucket, String key, String uploadId, int partNumber, long contentLength) {
        this(bucket, key, uploadId, partNumber, contentLength, null, null);
    }
}
