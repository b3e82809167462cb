package io.trustgate.s3.spi;

import java.time.Instant;
import java.util.List;

/**
 * A stored part.
 *
 * @param partNumber   1 to 10000
 * @param etag         bare ETag (hex MD5 of the part)
 * @param size         bytes
 * @param lastModified when it was stored
 * @param checksums    its checksums (FULL_OBJECT over the part's bytes); never null
 */
public record PartInfo(int partNumber, String etag, long size, Instant lastModified, List<Checksum> checksums) {

    public PartInfo {
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
    }
}
