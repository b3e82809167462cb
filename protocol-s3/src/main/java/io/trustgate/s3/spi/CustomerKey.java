package io.trustgate.s3.spi;

import java.util.Objects;

/**
 * A customer-provided encryption key (SSE-C) as a GetObject or HeadObject carried it, already checked by the server
 * (algorithm {@code AES256}, a base64 key of 32 bytes, the MD5 matching when sent). Only a store that declares
 * {@link BlobCapability#CUSTOMER_KEY_READS} is ever given one; it must send it with every read of the object (the
 * key decides what the object's bytes are), never store or log it.
 *
 * @param algorithm {@code x-amz-server-side-encryption-customer-algorithm}
 * @param key       {@code x-amz-server-side-encryption-customer-key}, base64 as sent
 * @param keyMd5    {@code x-amz-server-side-encryption-customer-key-MD5}, base64; computed when the client sent none
 */
public record CustomerKey(String algorithm, String key, String keyMd5) {

    public CustomerKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyMd5, "keyMd5");
    }

    @Override
    public String toString() {
        return "CustomerKey[" + algorithm + ", MD5 " + keyMd5 + "]"; // never the key itself
    }
}
