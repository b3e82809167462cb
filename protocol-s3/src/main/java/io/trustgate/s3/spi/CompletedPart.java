package io.trustgate.s3.spi;

import java.util.List;

/**
 * A part named in CompleteMultipartUpload.
 *
 * @param partNumber the part number as sent
 * @param etag       bare ETag as sent (quotes removed)
 * @param checksums  the part's {@code <ChecksumCRC32>} ... {@code <ChecksumSHA256>} elements as sent (base64, typed
 *                   FULL_OBJECT: a part checksum covers the part's bytes); never null, usually zero or one
 */
public record CompletedPart(int partNumber, String etag, List<Checksum> checksums) {

    public CompletedPart {
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
    }

    /** A part named without checksums. */
    public CompletedPart(int partNumber, String etag) {
        this(partNumber, etag, List.of());
    }

    /** The value sent for {@code algorithm} (upper-case S3 name), or null. */
    public String checksum(String algorithm) {
        for (Checksum c : checksums) {
            if (c.algorithm().equals(algorithm)) {
                return c.value();
            }
        }
        return null;
    }
}
