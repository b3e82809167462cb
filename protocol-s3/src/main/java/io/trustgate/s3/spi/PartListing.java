package io.trustgate.s3.spi;

import java.util.List;

/**
 * One page of {@link BlobStore#listParts}.
 *
 * @param upload               the upload (its algorithm and type are echoed by ListParts)
 * @param parts                parts in number order
 * @param truncated            more parts follow
 * @param nextPartNumberMarker when truncated, the last part number on this page, else 0
 */
public record PartListing(MultipartUpload upload, List<PartInfo> parts, boolean truncated, int nextPartNumberMarker) {
}
