package io.trustgate.compat.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** Test bodies and the checksums a client would compute for them, encoded as S3 sends them. */
final class Payloads {

    private Payloads() {
    }

    /** {@code size} pseudo-random bytes, the same for the same seed. */
    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return base64Int(crc.getValue());
    }

    static String crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return base64Int(crc.getValue());
    }

    static String sha256(byte[] data) {
        return Base64.getEncoder().encodeToString(digest("SHA-256", data));
    }

    static String sha1(byte[] data) {
        return Base64.getEncoder().encodeToString(digest("SHA-1", data));
    }

    /** The quoted hex MD5 that a single-part ETag is. */
    static String etag(byte[] data) {
        return "\"" + HexFormat.of().formatHex(digest("MD5", data)) + "\"";
    }

    static String md5Base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest("MD5", data));
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Int(long value) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) value).array());
    }
}
