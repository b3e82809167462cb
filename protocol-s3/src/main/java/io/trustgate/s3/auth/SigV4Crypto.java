package io.trustgate.s3.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SigV4 primitives: HMAC-SHA256, SHA-256 hex, key derivation and constant-time comparison. Thread-safe. */
final class SigV4Crypto {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    /** SHA-256 of the empty string, the "empty" hash in chunk strings-to-sign. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final HexFormat HEX = HexFormat.of();
    /** A thread's HMAC and the key it was last initialised with (by identity: cached signing keys repeat). */
    private static final class KeyedMac {
        final Mac mac;
        byte[] key;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
            }
        }
    }

    private static final ThreadLocal<KeyedMac> MAC = ThreadLocal.withInitial(KeyedMac::new);
    /** A thread's SHA-256 for one-shot hashes (looking one up by name costs a provider search each time). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SigV4Crypto::sha256);

    private SigV4Crypto() {
    }

    /**
     * HMAC-SHA256 of {@code data} under {@code key}. The key schedule is kept per thread for the last key array
     * used, so the signature and chunk signatures of requests under one cached signing key skip it; callers never
     * modify a key array after use.
     */
    static byte[] hmacSha256(byte[] key, String data) {
        KeyedMac m = MAC.get();
        if (m.key != key) {
            try {
                m.mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                m.key = null;
                throw new IllegalStateException("HmacSHA256 rejected a key", e);
            }
            m.key = key;
        }
        return m.mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] deriveSigningKey(String secret, String date, String region, String service) {
        byte[] kDate = hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmacSha256(kDate, region);
        byte[] kService = hmacSha256(kRegion, service);
        return hmacSha256(kService, TERMINATOR);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static String sha256Hex(String text) {
        return hex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static String signatureHex(byte[] signingKey, String stringToSign) {
        return hex(hmacSha256(signingKey, stringToSign));
    }

    /** Compares a computed signature with the one the client sent without leaking where they differ. */
    static boolean signaturesMatch(String computedHex, String providedHex) {
        return MessageDigest.isEqual(computedHex.getBytes(StandardCharsets.US_ASCII),
                providedHex.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isLowerHex64(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
