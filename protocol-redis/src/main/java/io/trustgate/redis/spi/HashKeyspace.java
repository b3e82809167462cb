package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Field operations on hashes (HGET, HSET, HDEL, HLEN, HSCAN, HRANDFIELD) of a {@link Keyspace}. Each has a default
 * that works on the whole value through {@link #get} and {@link #put}; an engine that stores the collection as
 * rows overrides them. The contract common to all of them is on {@link Keyspace}.
 */
public interface HashKeyspace extends ValueStore {

    /** The value of {@code field}, or null when the field or the key is absent, or the key holds another kind. */
    default byte[] hashGet(byte[] key, byte[] field) {
        Entry e = get(key);
        return e != null && e.value() instanceof HashValue ? ((HashValue) e.value()).get(field) : null;
    }

    /** Sets each field to its value ({@code fieldsAndValues} alternates them); returns how many fields are new. */
    default long hashPut(byte[] key, List<byte[]> fieldsAndValues) {
        Entry e = get(key);
        HashValue h = e == null ? new HashValue() : (HashValue) e.value();
        long created = 0;
        for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
            if (h.put(fieldsAndValues.get(i), fieldsAndValues.get(i + 1))) {
                created++;
            }
        }
        put(key, h, e == null ? Entry.NO_EXPIRY : e.expireAt());
        return created;
    }

    /** Removes the fields; returns how many were there. */
    default long hashRemove(byte[] key, List<byte[]> fields) {
        Entry e = get(key);
        if (e == null) {
            return 0;
        }
        HashValue h = (HashValue) e.value();
        long removed = 0;
        for (byte[] f : fields) {
            if (h.remove(f)) {
                removed++;
            }
        }
        if (removed > 0) {
            WholeValues.storeOrDelete(this, key, h, h.size(), e);
        }
        return removed;
    }

    /** Number of fields, 0 when absent. */
    default long hashSize(byte[] key) {
        Entry e = get(key);
        return e == null ? 0 : ((HashValue) e.value()).size();
    }

    /**
     * One step of HSCAN: about {@code count} fields, each followed by its value, from {@code cursor} (0 starts),
     * and the cursor to continue from (0 when done), with {@link Keyspace#scan}'s guarantee: a full iteration returns
     * every field present during all of it at least once. Cursors are non-negative and engine-defined; an unknown
     * cursor returns a valid page. By default the whole hash comes back in one step with cursor 0, as Redis
     * answers for its small encodings.
     */
    default ElementPage<byte[]> hashScan(byte[] key, long cursor, int count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        HashValue h = e == null ? new HashValue() : (HashValue) e.value();
        for (int i = 0; i < h.size(); i++) {
            out.add(h.field(i));
            out.add(h.value(i));
        }
        return new ElementPage<>(0, out);
    }

    /** As {@link #setRandomMembers}, for a hash's fields: each field followed by its value; as HRANDFIELD. */
    default List<byte[]> hashRandomFields(byte[] key, long count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        HashValue h = e == null ? null : (HashValue) e.value();
        for (int i : h == null ? new int[0] : WholeValues.sample(h.size(), count)) {
            out.add(h.field(i));
            out.add(h.value(i));
        }
        return out;
    }
}
