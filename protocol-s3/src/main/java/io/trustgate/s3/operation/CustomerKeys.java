package io.trustgate.s3.operation;

import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.CustomerKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SSE-C headers on reads: {@code x-amz-server-side-encryption-customer-*} on GetObject / HeadObject and
 * {@code x-amz-copy-source-server-side-encryption-customer-*} on CopyObject / UploadPartCopy. A malformed set is
 * answered with the 400 AWS gives before the object is looked at; a well-formed one is forwarded by a store that
 * declares {@link BlobCapability#CUSTOMER_KEY_READS}, and otherwise, once the object is found, answered
 * {@code 400 InvalidRequest}: trustgate stores no object with SSE-C (writes with it are 501, {@link WriteHeaders}),
 * so the key is not applicable to any object such a store has. Stateless.
 */
final class CustomerKeys {

    static final String OBJECT = "x-amz-server-side-encryption-customer-";
    static final String COPY_SOURCE = "x-amz-copy-source-server-side-encryption-customer-";

    private CustomerKeys() {
    }

    /**
     * The key of the headers starting with {@code prefix} ({@link #OBJECT} or {@link #COPY_SOURCE}), null when none
     * is there; throws AWS's 400 for an incomplete or malformed set. The MD5 may be left out on reads (AWS takes
     * that); it is computed then.
     */
    static CustomerKey read(S3Request r, String prefix) {
        String algorithm = r.header(prefix + "algorithm");
        String key = r.header(prefix + "key");
        String md5 = r.header(prefix + "key-MD5");
        if (algorithm == null && key == null && md5 == null) {
            return null;
        }
        if (algorithm == null) {
            throw invalidArgument("Requests specifying Server Side Encryption with Customer provided keys must "
                    + "provide a valid encryption algorithm.");
        }
        if (key == null) {
            throw invalidArgument("Requests specifying Server Side Encryption with Customer provided keys must "
                    + "provide an appropriate secret key.");
        }
        if (!algorithm.equals("AES256")) {
            throw new BlobStoreException("InvalidEncryptionAlgorithmError", 400,
                    "The Encryption request you specified is not valid. Supported value: AES256.");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(key.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != 32) {
            throw invalidArgument("The secret key was invalid for the specified algorithm.");
        }
        String computed = Base64.getEncoder().encodeToString(md5(raw));
        if (md5 != null && !md5.equals(computed)) {
            throw invalidArgument("The calculated MD5 hash of the key did not match the hash that was provided.");
        }
        return new CustomerKey(algorithm, key, computed);
    }

    /** Whether {@code store} is given the key; otherwise {@link #notApplicable()} once the object is found. */
    static boolean forwarded(BlobStore store) {
        return store.capabilities().has(BlobCapability.CUSTOMER_KEY_READS);
    }

    /** AWS's answer to SSE-C headers on an object that was not stored with SSE-C. */
    static BlobStoreException notApplicable() {
        return new BlobStoreException("InvalidRequest", 400,
                "The encryption parameters are not applicable to this object.");
    }

    private static BlobStoreException invalidArgument(String message) {
        return new BlobStoreException("InvalidArgument", 400, message);
    }

    private static byte[] md5(byte[] raw) {
        try {
            return MessageDigest.getInstance("MD5").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
