package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.KeyspaceValue;

/**
 * A key's row in {@code <prefix>keys} as one unit of work knows it: cached by {@link SqlKeyspace} for the rest
 * of the unit, and kept in step with every write the unit makes. {@link #ABSENT} stands for a key that does not
 * exist (or has expired). Confined to the unit's thread.
 */
final class KeyRow {

    static final KeyRow ABSENT = new KeyRow(0, null, 0, 0);

    final long id;
    String type;
    long expireAt;
    long stamp;
    /** The whole value when loaded (strings come with the row), else null. */
    KeyspaceValue value;
    /** Whether this unit already gave the key a new stamp. */
    boolean stamped;
    /** A list's first and last positions when known in this unit; positions are contiguous. */
    Long head;
    Long tail;

    /**
     * Whether fields or members of this collection exist, as this unit (or an earlier one of its write group)
     * read or wrote them; null when none is known. Any other change to the collection ({@link SqlKeyspace#touch})
     * forgets them all.
     */
    private java.util.Map<java.nio.ByteBuffer, Boolean> known;

    KeyRow(long id, String type, long expireAt, long stamp) {
        this.id = id;
        this.type = type;
        this.expireAt = expireAt;
        this.stamp = stamp;
    }

    /** Whether {@code name} exists in this collection, if known; else null. */
    Boolean known(byte[] name) {
        return known == null ? null : known.get(java.nio.ByteBuffer.wrap(name));
    }

    /** Records that {@code name} exists in this collection, or not. */
    void know(byte[] name, boolean present) {
        if (known == null) {
            known = new java.util.HashMap<>();
        }
        known.put(java.nio.ByteBuffer.wrap(name), present);
    }

    /** Forgets what {@link #known} held: the collection changed another way. */
    void forgetKnown() {
        known = null;
    }
}
