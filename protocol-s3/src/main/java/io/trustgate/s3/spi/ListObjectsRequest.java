package io.trustgate.s3.spi;

/**
 * One page of a listing. Keys are ordered by their UTF-8 bytes (unsigned), as S3 orders them. The page holds the
 * keys that start with {@code prefix} and sort strictly after {@code marker}; when {@code delimiter} is set, a key
 * whose remainder after the prefix contains the delimiter rolls up into the common prefix
 * {@code prefix + remainder up to and including the first delimiter}, listed once, in key order among the objects;
 * a key rolling up into a common prefix that is {@code <= marker} is skipped. Objects and common prefixes together
 * count against {@code maxKeys}.
 *
 * @param bucket    the bucket
 * @param prefix    "" for all
 * @param delimiter null for none
 * @param marker    exclusive start (V1 marker, V2 start-after or decoded continuation token); "" for none
 * @param maxKeys   0 to 1000
 */
public record ListObjectsRequest(String bucket, String prefix, String delimiter, String marker, int maxKeys) {
}
