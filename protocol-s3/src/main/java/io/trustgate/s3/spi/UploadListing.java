package io.trustgate.s3.spi;

import java.util.List;

/**
 * One page of {@link BlobStore#listMultipartUploads}.
 *
 * @param uploads            uploads in order
 * @param commonPrefixes     rolled-up prefixes
 * @param truncated          more follow
 * @param nextKeyMarker      when truncated, the key of the last entry, else null
 * @param nextUploadIdMarker when truncated, the upload id of the last entry, else null
 */
public record UploadListing(List<MultipartUpload> uploads, List<String> commonPrefixes, boolean truncated,
                            String nextKeyMarker, String nextUploadIdMarker) {
}
