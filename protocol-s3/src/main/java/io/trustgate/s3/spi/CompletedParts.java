package io.trustgate.s3.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Checks on a CompleteMultipartUpload part list that every backend applies the same way, so that they answer as
 * AWS does: the per-part checksums against the stored parts, and the fingerprint a completed object keeps of the
 * list it was completed from (to answer a repeated Complete as the first one was answered).
 */
public final class CompletedParts {

    private CompletedParts() {
    }

    /**
     * Checks the checksum a client names for one part of an upload created with {@code algorithm} (null: the upload
     * chose none, and nothing is checked) and {@code type}, against the part as stored:
     * <ul>
     *   <li>the upload's algorithm is sent and differs from the stored part's value (or the part has none):
     *       {@code 400 InvalidPart}, as for a wrong ETag;</li>
     *   <li>COMPOSITE, the upload's algorithm is missing but another one is sent: {@code 400 BadDigest} (that value
     *       cannot be what was received, the part was checksummed with the upload's algorithm);</li>
     *   <li>COMPOSITE, no checksum at all: {@code 400 InvalidRequest} naming the algorithm and the part;</li>
     *   <li>FULL_OBJECT: the part checksums are optional (the object's checksum is the stored parts' CRCs combined),
     *       so a missing one, or one of another algorithm, is accepted.</li>
     * </ul>
     */
    public static void checkChecksum(String algorithm, ChecksumType type, CompletedPart requested, PartInfo stored) {
        if (algorithm == null) {
            return;
        }
        String sent = requested.checksum(algorithm);
        if (sent == null) {
            if (type == ChecksumType.FULL_OBJECT) {
                return;
            }
            if (!requested.checksums().isEmpty()) {
                throw BlobStoreException.badDigest("The " + lower(requested.checksums().get(0).algorithm())
                        + " you specified for part " + requested.partNumber() + " did not match what we received.");
            }
            throw new BlobStoreException("InvalidRequest", 400, "The upload was created using a " + lower(algorithm)
                    + " checksum. The complete request must include the checksum for each part. It was missing for "
                    + "part " + requested.partNumber() + " in the request.");
        }
        String have = null;
        for (Checksum c : stored.checksums()) {
            if (c.algorithm().equals(algorithm)) {
                have = c.value();
            }
        }
        if (have == null || !sameValue(sent, have)) {
            throw BlobStoreException.invalidPart(requested.partNumber());
        }
    }

    /**
     * A fingerprint of a part list (numbers and ETags, in order): hex SHA-256, 64 characters. A completed object
     * keeps it with the upload id, and a Complete repeated with the same list matches it.
     */
    public static String fingerprint(List<CompletedPart> parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (CompletedPart p : parts) {
            sha.update((p.partNumber() + ":" + ETags.bare(p.etag()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Base64 values compared as bytes (surrounding blanks ignored); a malformed value never matches. */
    private static boolean sameValue(String a, String b) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(a.strip()), Base64.getDecoder().decode(b.strip()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String lower(String algorithm) {
        return algorithm.toLowerCase(Locale.ROOT);
    }
}
