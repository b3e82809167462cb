package io.trustgate.translators.redis.embedded;

import java.util.Arrays;

/**
 * A binary key, ordered first by a 63-bit hash of its bytes and then by the bytes. The hash order is what SCAN
 * walks: a cursor is the hash to resume from, so a cursor stays meaningful whatever is inserted or removed.
 * The array is owned by the key and never modified. Not final only so that {@link KeyTable.Node} can be the key it
 * stores (one object, one cache miss less per lookup); equality and order are these fields' alone.
 */
class Key implements Comparable<Key> {

    final byte[] bytes;
    final long hash;

    Key(byte[] bytes) {
        this(bytes, hash(bytes));
    }

    /** A key with a given hash (probes; tests force collisions with it). */
    Key(byte[] bytes, long hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    /** A probe that sorts before every key whose hash is {@code >= hash}. */
    static Key first(long hash) {
        return new Key(new byte[0], hash);
    }

    /** FNV-1a over the bytes, then MurmurHash3's finaliser for avalanche; the sign bit is cleared. */
    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }

    @Override
    public final int compareTo(Key o) {
        int c = Long.compare(hash, o.hash);
        return c != 0 ? c : Arrays.compare(bytes, o.bytes);
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Key && hash == ((Key) o).hash && Arrays.equals(bytes, ((Key) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        return "Key[" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + "]";
    }
}
