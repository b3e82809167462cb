package io.trustgate.s3.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived signing keys per (secret, date, region, service): a key changes once a day, so most requests reuse one.
 * Bounded: when full the cache is cleared wholesale (keys are cheap to re-derive: four HMACs). Thread-safe.
 */
final class SigningKeyCache {

    private record Scope(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "Scope[" + date + "/" + region + "/" + service + "]";
        }
    }

    private final int maxEntries;
    private final ConcurrentHashMap<Scope, byte[]> keys = new ConcurrentHashMap<>();

    SigningKeyCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    byte[] signingKey(String secret, String date, String region, String service) {
        Scope scope = new Scope(secret, date, region, service);
        byte[] key = keys.get(scope);
        if (key == null) {
            if (keys.size() >= maxEntries) {
                keys.clear();
            }
            key = SigV4Crypto.deriveSigningKey(secret, date, region, service);
            keys.put(scope, key);
        }
        return key;
    }

    int size() {
        return keys.size();
    }
}
