package io.trustgate.translators.s3.azure;

import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.Checksums;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.PartInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A completed multipart object's checksum from its parts' stored checksums ({@link Checksums} does the arithmetic):
 * COMPOSITE over the concatenated raw part values, FULL_OBJECT (CRCs only) by combining the part CRCs.
 */
final class PartChecksums {

    private PartChecksums() {
    }

    static List<Checksum> combine(Checksum choice, List<PartInfo> parts) {
        if (choice == null) {
            return List.of();
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(choice.algorithm())
                .orElseThrow(() -> new BlobStoreException("InvalidRequest", 400,
                        "Unknown checksum algorithm " + choice.algorithm()));
        List<byte[]> raw = new ArrayList<>();
        for (PartInfo part : parts) {
            String value = part.checksums().stream().filter(c -> c.algorithm().equals(choice.algorithm()))
                    .map(Checksum::value).findFirst()
                    .orElseThrow(() -> new BlobStoreException("InvalidRequest", 400, "Part " + part.partNumber()
                            + " has no " + choice.algorithm() + " checksum, but the upload was created with one."));
            raw.add(Checksums.fromBase64(value).orElseThrow(() -> new BlobStoreException("InvalidRequest", 400,
                    "Part " + part.partNumber() + " has a malformed checksum.")));
        }
        if (choice.type() == ChecksumType.FULL_OBJECT) {
            if (!algorithm.isCrc()) {
                throw new BlobStoreException("InvalidRequest", 400,
                        "The FULL_OBJECT checksum type is not supported with " + choice.algorithm() + ".");
            }
            List<Checksums.Part> crcs = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                crcs.add(new Checksums.Part(raw.get(i), parts.get(i).size()));
            }
            return List.of(new Checksum(choice.algorithm(), Checksums.base64(Checksums.fullObject(algorithm, crcs)),
                    ChecksumType.FULL_OBJECT));
        }
        return List.of(new Checksum(choice.algorithm(), Checksums.composite(algorithm, raw), ChecksumType.COMPOSITE));
    }

    /** {@code BadDigest} when a whole-object value the client sent differs from the computed one. */
    static void verify(List<Checksum> computed, List<Checksum> expected) {
        for (Checksum e : expected) {
            for (Checksum c : computed) {
                if (c.algorithm().equals(e.algorithm()) && !base(c.value()).equals(base(e.value()))) {
                    throw BlobStoreException.badDigest("The " + e.algorithm()
                            + " you specified did not match the calculated checksum.");
                }
            }
        }
    }

    private static String base(String value) {
        int dash = value.lastIndexOf('-');
        return dash > 0 ? value.substring(0, dash) : value;
    }
}
