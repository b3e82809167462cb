package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.PartInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The checksum of a completed multipart object from its parts: COMPOSITE is the algorithm applied to the
 * concatenated binary part checksums, written {@code <base64>-<N>}; FULL_OBJECT (CRC algorithms only) is the CRC of
 * the whole object, computed here by reading the concatenated file once.
 *
 * <p>The SPI points at {@code io.trustgate.s3.checksum.Checksums} (branch s3-auth) for this arithmetic; that
 * package had not reached the s3-core branch when this was written, so the backend computes with the JDK's CRC32,
 * CRC32C, SHA-1 and SHA-256 and a table CRC-64/NVME ({@link Crc64Nvme}). Switch to the shared helper once merged.
 */
final class MultipartChecksums {

    private MultipartChecksums() {
    }

    /** A running digest over bytes. */
    interface Digest {
        void update(ByteBuffer bytes);

        byte[] finish();
    }

    /**
     * The object's checksums: empty without an algorithm, else the one value. {@code data} is the concatenated
     * object ({@code [0, size)}), read only for FULL_OBJECT.
     */
    static List<Checksum> combine(Checksum choice, List<PartInfo> parts, FileChannel data, long size)
            throws IOException {
        if (choice == null) {
            return List.of();
        }
        String algorithm = choice.algorithm();
        if (choice.type() == ChecksumType.FULL_OBJECT) {
            if (!algorithm.startsWith("CRC")) {
                throw new BlobStoreException("InvalidRequest", 400,
                        "The FULL_OBJECT checksum type is not supported with " + algorithm + ".");
            }
            Digest d = digest(algorithm);
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            for (long pos = 0; pos < size; ) {
                buf.clear();
                int n = data.read(buf, pos);
                if (n < 0) {
                    throw new IOException("object ended early while computing its checksum");
                }
                buf.flip();
                d.update(buf);
                pos += n;
            }
            return List.of(new Checksum(algorithm, Base64.getEncoder().encodeToString(d.finish()),
                    ChecksumType.FULL_OBJECT));
        }
        Digest d = digest(algorithm);
        for (PartInfo part : parts) {
            Checksum c = part.checksums().stream().filter(x -> x.algorithm().equals(algorithm)).findFirst()
                    .orElseThrow(() -> new BlobStoreException("InvalidRequest", 400, "Part " + part.partNumber()
                            + " has no " + algorithm + " checksum, but the upload was created with one."));
            d.update(ByteBuffer.wrap(Base64.getDecoder().decode(c.value())));
        }
        return List.of(new Checksum(algorithm, Base64.getEncoder().encodeToString(d.finish()) + "-" + parts.size(),
                ChecksumType.COMPOSITE));
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

    static Digest digest(String algorithm) {
        return switch (algorithm) {
            case "CRC32" -> crc(new CRC32(), 4);
            case "CRC32C" -> crc(new CRC32C(), 4);
            case "CRC64NVME" -> new Crc64Nvme();
            case "SHA1" -> message("SHA-1");
            case "SHA256" -> message("SHA-256");
            default -> throw new BlobStoreException("InvalidRequest", 400, "Unknown checksum algorithm " + algorithm);
        };
    }

    private static Digest crc(java.util.zip.Checksum crc, int bytes) {
        return new Digest() {
            @Override
            public void update(ByteBuffer b) {
                crc.update(b);
            }

            @Override
            public byte[] finish() {
                long v = crc.getValue();
                byte[] out = new byte[bytes];
                for (int i = 0; i < bytes; i++) {
                    out[i] = (byte) (v >>> (8 * (bytes - 1 - i)));
                }
                return out;
            }
        };
    }

    private static Digest message(String name) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
        return new Digest() {
            @Override
            public void update(ByteBuffer b) {
                md.update(b);
            }

            @Override
            public byte[] finish() {
                return md.digest();
            }
        };
    }

    /** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial and final XOR all ones. */
    static final class Crc64Nvme implements Digest {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
                }
                TABLE[i] = c;
            }
        }

        private long crc = -1L;

        @Override
        public void update(ByteBuffer b) {
            while (b.hasRemaining()) {
                crc = TABLE[(int) ((crc ^ b.get()) & 0xFF)] ^ (crc >>> 8);
            }
        }

        @Override
        public byte[] finish() {
            return ByteBuffer.allocate(8).putLong(~crc).array();
        }
    }
}
