package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;

/**
 * A Redis hash: fields mapped to values, both byte strings. Mutable like {@link ListValue}: changed in place
 * inside one unit of work, then stored back with {@link Keyspace#put}. Fields are also reachable by position
 * ({@link #field(int)} and {@link #value(int)}, {@code 0 <= i < size()}) so that HRANDFIELD picks in constant
 * time; positions change when fields are removed. Iteration order is unspecified, as in Redis. Arrays are shared
 * and never modified. An empty hash is never stored: Redis deletes the key.
 */
public final class HashValue implements KeyspaceValue {

    private final ArrayList<byte[]> fields;
    private final ArrayList<byte[]> values;
    private final HashMap<Bytes, Integer> index;
    private ChangeJournal journal;

    public HashValue() {
        this(new ArrayList<>(), new ArrayList<>(), new HashMap<>());
    }

    private HashValue(ArrayList<byte[]> fields, ArrayList<byte[]> values, HashMap<Bytes, Integer> index) {
        this.fields = fields;
        this.values = values;
        this.index = index;
    }

    public int size() {
        return fields.size();
    }

    /** The value of {@code field}, or null. */
    public byte[] get(byte[] field) {
        Integer at = index.get(new Bytes(field));
        return at == null ? null : values.get(at);
    }

    /** Sets {@code field} to {@code value}; returns true when the field is new. */
    public boolean put(byte[] field, byte[] value) {
        Bytes key = new Bytes(field);
        Integer at = index.get(key);
        boolean added = at == null;
        if (added) {
            index.put(key, fields.size());
            fields.add(field);
            values.add(value);
        } else {
            values.set(at, value);
        }
        if (journal != null) {
            journal.hashFieldSet(field, value);
        }
        return added;
    }

    /** Removes {@code field}; returns false when it was not there. */
    public boolean remove(byte[] field) {
        Integer at = index.remove(new Bytes(field));
        if (at == null) {
            return false;
        }
        int last = fields.size() - 1;
        byte[] lastField = fields.remove(last);
        byte[] lastValue = values.remove(last);
        if (at < last) {
            fields.set(at, lastField);
            values.set(at, lastValue);
            index.put(new Bytes(lastField), at);
        }
        if (journal != null) {
            journal.hashFieldRemoved(field);
        }
        return true;
    }

    /**
     * Makes {@code journal} hear every later change of this hash (null detaches). For engines that log changes;
     * a {@link #copy()} starts without one.
     */
    public void attachJournal(ChangeJournal journal) {
        this.journal = journal;
    }

    /** The journal attached by {@link #attachJournal}, or null. */
    public ChangeJournal journal() {
        return journal;
    }

    public byte[] field(int i) {
        return fields.get(i);
    }

    public byte[] value(int i) {
        return values.get(i);
    }

    /** Every field, read-only view valid until the next change; {@link #values()} is in the same order. */
    public List<byte[]> fields() {
        return Collections.unmodifiableList(fields);
    }

    public List<byte[]> values() {
        return Collections.unmodifiableList(values);
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    @Override
    public HashValue copy() {
        return new HashValue(new ArrayList<>(fields), new ArrayList<>(values), new HashMap<>(index));
    }

    @Override
    public String toString() {
        return "HashValue[" + fields.size() + " fields]";
    }
}
