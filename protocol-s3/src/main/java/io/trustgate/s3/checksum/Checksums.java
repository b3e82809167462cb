package io.trustgate.s3.checksum;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checksum helpers for S3: base64/hex forms, MD5 (ETag, Content-MD5), and the two multipart checksum types.
 * <ul>
 *   <li>COMPOSITE: the algorithm applied to the concatenated raw part checksums, written {@code <base64>-<parts>}.
 *   <li>FULL_OBJECT (CRCs only): the part CRCs combined into the CRC the whole object would have.
 * </ul>
 * Stateless and thread-safe.
 */
public final class Checksums {

    private static final HexFormat HEX = HexFormat.of();

    private Checksums() {
    }

    /** One part's stored checksum (raw bytes, not base64) and its length in bytes. */
    public record Part(byte[] checksum, long length) {
    }

    public static String base64(byte[] raw) {
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Decodes a base64 checksum; empty when the text is not valid base64. */
    public static Optional<byte[]> fromBase64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String hex(byte[] raw) {
        return HEX.formatHex(raw);
    }

    /** A fresh MD5 digest (ETag of a single-part object, Content-MD5 check). */
    public static StreamingChecksum md5() {
        return MessageDigestChecksum.of("MD5");
    }

    /**
     * The multipart ETag body {@code hex(md5(md5(part1) || ... || md5(partN)))-N}, without the surrounding quotes.
     */
    public static String multipartETag(List<byte[]> partMd5s) {
        StreamingChecksum md5 = md5();
        for (byte[] partMd5 : partMd5s) {
            md5.update(partMd5);
        }
        return hex(md5.finish()) + "-" + partMd5s.size();
    }

    /** The COMPOSITE multipart checksum {@code base64(alg(c1 || ... || cN))-N} over the raw part checksums. */
    public static String composite(ChecksumAlgorithm algorithm, List<byte[]> partChecksums) {
        StreamingChecksum digest = algorithm.newDigest();
        for (byte[] part : partChecksums) {
            if (part.length != algorithm.length()) {
                throw new IllegalArgumentException(
                        algorithm + " part checksum must be " + algorithm.length() + " bytes, got " + part.length);
            }
            digest.update(part);
        }
        return base64(digest.finish()) + "-" + partChecksums.size();
    }

    /** The CRC of A||B from the raw big-endian CRCs of A and B and B's length. */
    public static byte[] combine(ChecksumAlgorithm algorithm, byte[] crcA, byte[] crcB, long lengthB) {
        CrcCombiner combiner = CrcCombiner.of(algorithm);
        long combined = combiner.combine(fromBigEndian(crcA, algorithm), fromBigEndian(crcB, algorithm), lengthB);
        return bigEndian(combined, algorithm.length());
    }

    /**
     * The FULL_OBJECT checksum: the parts' CRCs combined in order into the CRC of the whole object. Only for the
     * CRC algorithms ({@link ChecksumAlgorithm#isCrc()}); an empty part list gives the CRC of zero bytes.
     */
    public static byte[] fullObject(ChecksumAlgorithm algorithm, List<Part> parts) {
        CrcCombiner combiner = CrcCombiner.of(algorithm);
        long crc = 0; // the CRC of the empty string, for every all-ones CRC
        for (Part part : parts) {
            crc = combiner.combine(crc, fromBigEndian(part.checksum(), algorithm), part.length());
        }
        return bigEndian(crc, algorithm.length());
    }

    static byte[] bigEndian(long value, int width) {
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    private static long fromBigEndian(byte[] bytes, ChecksumAlgorithm algorithm) {
        if (bytes.length != algorithm.length()) {
            throw new IllegalArgumentException(
                    algorithm + " checksum must be " + algorithm.length() + " bytes, got " + bytes.length);
        }
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
