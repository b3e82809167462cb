package io.trustgate.s3.spi;

/**
 * A server-side copy.
 *
 * @param sourceBucket    source bucket
 * @param sourceKey       source key
 * @param sourceEtag      bare ETag the source must still have (the server already evaluated the copy-source
 *                        conditions against it), or null
 * @param bucket          destination bucket
 * @param key             destination key
 * @param properties      the destination's properties: the source's (COPY directive) or the request's (REPLACE)
 * @param conditions      conditions on the destination
 */
public record CopyObjectRequest(String sourceBucket, String sourceKey, String sourceEtag, String bucket, String key,
                                ObjectProperties properties, WriteConditions conditions) {
}
