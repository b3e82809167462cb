package io.trustgate.s3.spi;

/**
 * A part named in CompleteMultipartUpload.
 *
 * @param partNumber the part number as sent
 * @param etag       bare ETag as sent (quotes removed)
 */
public record CompletedPart(int partNumber, String etag) {
}
