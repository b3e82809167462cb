package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@link Records} payloads onto databases: snapshot frames at load, then log frames in order.
 *
 * <p>A snapshot is fuzzy: compaction copies the keyspace a batch of keys per lock hold while writes go on into
 * the new log generation, and each batch records (a {@code W} op) the length that log had when the batch was
 * captured. Replaying that log over the snapshot, an op on a key applies only when its frame starts at or after
 * the capture of the key's batch: earlier frames are already in the snapshot's copy. That makes the delta ops
 * (which, unlike a whole put, must not apply twice) exact over a fuzzy snapshot. Logs of later generations apply
 * whole. A frame is applied only after its checksum passed, so a decoding error here is damage (or a bug), never
 * a torn write, and stops the recovery.
 */
final class Replay {

    private final Database[] dbs;
    private final Records.StampSource stamps;
    private final Windows filter;
    private final Windows collect;

    /**
     * @param filter  the windows of the snapshot this log continues, or null when every op applies
     * @param collect where {@code W} ops are gathered (loading a snapshot), or null when they are not expected
     */
    Replay(Database[] dbs, Records.StampSource stamps, Windows filter, Windows collect) {
        this.dbs = dbs;
        this.stamps = stamps;
        this.filter = filter == null || filter.isEmpty() ? null : filter;
        this.collect = collect;
    }

    /** Applies one payload whose frame starts {@code frameOffset} bytes into its file; true at the end marker. */
    boolean apply(ByteBuffer payload, long frameOffset) throws CorruptDataException {
        try {
            byte format = payload.get();
            int count;
            if (format == Records.FORMAT) {
                count = Integer.MAX_VALUE;
            } else if (format == Records.FORMAT_COUNTED) {
                count = ValueCodec.count(payload);
            } else {
                throw new CorruptDataException("unknown record format " + format);
            }
            boolean end = false;
            for (int i = 0; i < count && payload.hasRemaining(); i++) {
                byte kind = payload.get();
                if (kind == Records.END) {
                    end = true;
                } else {
                    op(kind, payload, frameOffset);
                }
            }
            if (payload.hasRemaining()) {
                throw new CorruptDataException(payload.remaining() + " bytes after the last op");
            }
            return end;
        } catch (BufferUnderflowException e) {
            throw new CorruptDataException("record truncated");
        }
    }

    private void op(byte kind, ByteBuffer in, long offset) throws CorruptDataException {
        int dbIndex = ValueCodec.count(in);
        if (dbIndex >= dbs.length) {
            throw new CorruptDataException("database " + dbIndex + " out of range");
        }
        Database db = dbs[dbIndex];
        if (kind == Records.CLEAR) {
            if (filter == null) {
                db.clear();
            } else {
                db.removeIf(k -> filter.applies(dbIndex, k, offset));
            }
            return;
        }
        if (kind == Records.WINDOW) {
            long capture = ValueCodec.varint(in);
            byte[] upper = in.get() == 0 ? null : ValueCodec.bytes(in);
            if (collect == null) {
                throw new CorruptDataException("snapshot window op in a log");
            }
            collect.add(dbIndex, upper, capture);
            return;
        }
        Key key = new Key(ValueCodec.bytes(in));
        boolean applies = filter == null || filter.applies(dbIndex, key, offset);
        switch (kind) {
            case Records.PUT -> {
                long expireAt = ValueCodec.varint(in) - 1;
                KeyspaceValue value = ValueCodec.read(in);
                if (applies) {
                    db.put(key, value, expireAt, stamps.next());
                }
            }
            case Records.DELETE -> {
                if (applies) {
                    db.remove(key);
                }
            }
            case Records.EXPIRE -> {
                long expireAt = ValueCodec.varint(in) - 1;
                Entry e = db.peek(key);
                if (applies && e != null) {
                    db.put(key, e.value(), expireAt, stamps.next());
                }
            }
            case Records.LIST_PUSH -> {
                boolean head = in.get() == 0;
                byte[] element = ValueCodec.bytes(in);
                if (applies) {
                    ListValue list = value(db, key, ListValue.class, kind);
                    if (head) {
                        list.addFirst(element);
                    } else {
                        list.addLast(element);
                    }
                }
            }
            case Records.LIST_POP -> {
                boolean head = in.get() == 0;
                if (applies) {
                    ListValue list = value(db, key, ListValue.class, kind);
                    if ((head ? list.pollFirst() : list.pollLast()) == null) {
                        throw mismatch(kind, key, "an empty list");
                    }
                }
            }
            case Records.LIST_REPLACE -> {
                int n = ValueCodec.count(in);
                List<byte[]> elements = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    elements.add(ValueCodec.bytes(in));
                }
                if (applies) {
                    value(db, key, ListValue.class, kind).replaceWith(elements);
                }
            }
            case Records.HASH_SET -> {
                byte[] field = ValueCodec.bytes(in);
                byte[] value = ValueCodec.bytes(in);
                if (applies) {
                    value(db, key, HashValue.class, kind).put(field, value);
                }
            }
            case Records.HASH_DELETE -> {
                byte[] field = ValueCodec.bytes(in);
                if (applies && !value(db, key, HashValue.class, kind).remove(field)) {
                    throw mismatch(kind, key, "a hash without that field");
                }
            }
            case Records.SET_ADD -> {
                byte[] member = ValueCodec.bytes(in);
                if (applies && !value(db, key, SetValue.class, kind).add(member)) {
                    throw mismatch(kind, key, "a set that has that member");
                }
            }
            case Records.SET_REMOVE -> {
                byte[] member = ValueCodec.bytes(in);
                if (applies && !value(db, key, SetValue.class, kind).remove(member)) {
                    throw mismatch(kind, key, "a set without that member");
                }
            }
            case Records.ZSET_SET -> {
                byte[] member = ValueCodec.bytes(in);
                double score = Double.longBitsToDouble(in.getLong());
                if (Double.isNaN(score)) {
                    throw new CorruptDataException("NaN score");
                }
                if (applies) {
                    value(db, key, SortedSetValue.class, kind).put(member, score);
                }
            }
            case Records.ZSET_REMOVE -> {
                byte[] member = ValueCodec.bytes(in);
                if (applies && !value(db, key, SortedSetValue.class, kind).remove(member)) {
                    throw mismatch(kind, key, "a sorted set without that member");
                }
            }
            default -> throw new CorruptDataException("unknown op " + (kind & 0xff));
        }
    }

    private static <V extends KeyspaceValue> V value(Database db, Key key, Class<V> kind, byte op)
            throws CorruptDataException {
        Entry e = db.peek(key);
        if (e == null || !kind.isInstance(e.value())) {
            throw mismatch(op, key, e == null ? "no value" : e.value().type().redisName());
        }
        return kind.cast(e.value());
    }

    private static CorruptDataException mismatch(byte op, Key key, String found) {
        String name = new String(key.bytes, 0, Math.min(key.bytes.length, 64), StandardCharsets.ISO_8859_1);
        return new CorruptDataException("log op '" + (char) op + "' on key '" + name + "' found " + found);
    }

    /**
     * The capture points of one snapshot: per database, key ranges (by {@link Key} order) each captured at one
     * log length. Without any window every op applies.
     */
    static final class Windows {

        private final List<TreeMap<Key, Long>> upper = new ArrayList<>();
        private final Map<Integer, Long> tail = new java.util.HashMap<>();

        /** The range after the previous window of {@code db} up to {@code upperKey} (null: to the end). */
        void add(int db, byte[] upperKey, long capture) {
            if (upperKey == null) {
                tail.put(db, capture);
                return;
            }
            while (upper.size() <= db) {
                upper.add(new TreeMap<>());
            }
            upper.get(db).put(new Key(upperKey), capture);
        }

        boolean isEmpty() {
            return tail.isEmpty() && upper.stream().allMatch(TreeMap::isEmpty);
        }

        /** Whether an op on {@code key} in a frame starting at {@code offset} is newer than the snapshot's copy. */
        boolean applies(int db, Key key, long offset) {
            Map.Entry<Key, Long> w = db < upper.size() ? upper.get(db).ceilingEntry(key) : null;
            long capture = w != null ? w.getValue() : tail.getOrDefault(db, 0L);
            return offset >= capture;
        }
    }
}
