package io.trustgate.s3.spi;

import java.util.List;

/**
 * One page of {@link BlobStore#listObjects}.
 *
 * @param objects        objects in key order
 * @param commonPrefixes rolled-up prefixes in order
 * @param truncated      true when more entries follow
 * @param nextMarker     when truncated, the last key or common prefix on this page (the next page's marker);
 *                       else null
 */
public record ObjectListing(List<ObjectSummary> objects, List<String> commonPrefixes, boolean truncated,
                            String nextMarker) {
}
