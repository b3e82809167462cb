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

    /** The key returned last, with what it was derived from. */
    private record Last(String secret, String date, String region, String service, byte[] key) {
    }

    private volatile Last last = new Last("", "", "", "", new byte[0]);
    private final int maxEntries;
    private final ConcurrentHashMap<Scope, byte[]> keys = new ConcurrentHashMap<>();

    SigningKeyCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    byte[] signingKey(String secret, String date, String region, String service) {
        // Most requests in a row are one client's on one day: a match on the last key costs no lookup (the secret
        // is compared by identity first, as callers pass the same string instance each time).
        Last l = last;
        if ((l.secret == secret || l.secret.equals(secret)) && l.date.equals(date) && l.region.equals(region)
                && l.service.equals(service)) {
            return l.key;
        }
        byte[] key = lookUp(secret, date, region, service);
        last = new Last(secret, date, region, service, key);
        return key;
    }

    private byte[] lookUp(String secret, String date, String region, String service) {
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
