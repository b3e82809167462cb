package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.Checksums;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.PartInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The checksum of a completed multipart object from its parts' stored checksums, with the shared arithmetic of
 * {@link Checksums}: COMPOSITE is the algorithm over the concatenated raw part checksums ({@code <base64>-<N>});
 * FULL_OBJECT (CRCs only) combines the part CRCs into the whole object's CRC without reading the data again.
 */
final class MultipartChecksums {

    private MultipartChecksums() {
    }

    /** The object's checksums: empty when the upload chose no algorithm, else the one combined value. */
    static List<Checksum> combine(Checksum choice, List<PartInfo> parts) {
        if (choice == null) {
            return List.of();
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(choice.algorithm())
                .orElseThrow(() -> new BlobStoreException("InvalidRequest", 400,
                        "Unknown checksum algorithm " + choice.algorithm()));
        List<byte[]> raw = new ArrayList<>(parts.size());
        for (PartInfo part : parts) {
            Checksum c = part.checksums().stream().filter(x -> x.algorithm().equals(choice.algorithm())).findFirst()
                    .orElseThrow(() -> new BlobStoreException("InvalidRequest", 400, "Part " + part.partNumber()
                            + " has no " + choice.algorithm() + " checksum, but the upload was created with one."));
            raw.add(Checksums.fromBase64(c.value()).filter(b -> b.length == algorithm.length())
                    .orElseThrow(() -> new BlobStoreException("InvalidRequest", 400, "Part " + part.partNumber()
                            + " has a malformed " + choice.algorithm() + " checksum.")));
        }
        if (choice.type() == ChecksumType.FULL_OBJECT) {
            if (!algorithm.isCrc()) {
                throw new BlobStoreException("InvalidRequest", 400,
                        "The FULL_OBJECT checksum type is not supported with " + choice.algorithm() + ".");
            }
            List<Checksums.Part> crcs = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                crcs.add(new Checksums.Part(raw.get(i), parts.get(i).size()));
            }
            return List.of(new Checksum(choice.algorithm(), Checksums.base64(Checksums.fullObject(algorithm, crcs)),
                    ChecksumType.FULL_OBJECT));
        }
        return List.of(new Checksum(choice.algorithm(), Checksums.composite(algorithm, raw), ChecksumType.COMPOSITE));
    }

    /** {@code BadDigest} when the client's whole-object value for an algorithm differs from the computed one. */
    static void verify(List<Checksum> computed, List<Checksum> expected) {
        for (Checksum e : expected) {
            for (Checksum c : computed) {
                if (c.algorithm().equals(e.algorithm()) && !stripCount(c.value()).equals(stripCount(e.value()))) {
                    throw BlobStoreException.badDigest("The " + e.algorithm() + " you specified did not match the "
                            + "calculated checksum.");
                }
            }
        }
    }

    private static String stripCount(String value) {
        int dash = value.lastIndexOf('-');
        return dash > 0 ? value.substring(0, dash) : value;
    }
}
