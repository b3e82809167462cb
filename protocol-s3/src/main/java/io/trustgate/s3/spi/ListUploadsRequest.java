package io.trustgate.s3.spi;

/**
 * One page of open uploads, ordered by key, then by initiation time. Entries start after
 * ({@code keyMarker}, {@code uploadIdMarker}): with an upload-id marker, uploads of {@code keyMarker} after that
 * upload, then later keys; without one, keys strictly after {@code keyMarker}. Delimiter roll-up and counting are
 * as in {@link ListObjectsRequest}.
 *
 * @param bucket         the bucket
 * @param prefix         "" for all
 * @param delimiter      null for none
 * @param keyMarker      "" for none
 * @param uploadIdMarker "" for none
 * @param maxUploads     0 to 1000
 */
public record ListUploadsRequest(String bucket, String prefix, String delimiter, String keyMarker,
                                 String uploadIdMarker, int maxUploads) {
}
