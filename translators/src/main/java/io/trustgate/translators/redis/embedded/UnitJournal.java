package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.ChangeJournal;
import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one unit of work changes, encoded as {@link Records} ops into one frame while the unit runs.
 *
 * <p>Whole writes (put, delete, expiry, clear) are encoded when the engine's keyspace view is called. A
 * collection (list, hash, set, sorted set) that the unit reads from the keyspace, or stores, is bound to its key
 * by attaching a {@link ChangeJournal}: each in-place change then becomes one delta op (a push, a field set...),
 * so a write to a large collection logs only what changed. Storing back the very object that the key holds and
 * that is bound to that key logs nothing more (its changes are already in); any other object is logged whole, then
 * bound. Deleting or overwriting a key unbinds the object it held, and every binding ends with the unit.
 *
 * <p>Threading: one instance per engine, used only under the engine lock, one unit at a time.
 */
final class UnitJournal {

    /** A frame buffer that grew past this for one large unit is dropped afterwards. */
    private static final int KEEP_CAPACITY = 1 << 20;

    private ValueCodec.Out out = new ValueCodec.Out(4096);
    private final List<Binding> bound = new ArrayList<>();
    private int ops;

    /** Starts the frame of a new unit. */
    void begin() {
        if (out.array().length > KEEP_CAPACITY) {
            out = new ValueCodec.Out(4096);
        }
        out.reset();
        Records.beginFrame(out);
        ops = 0;
    }

    boolean isEmpty() {
        return ops == 0;
    }

    /** Completes the frame (call once, when the unit wrote something) and returns its buffer. */
    ValueCodec.Out finish() {
        Records.endFrame(out, 0);
        return out;
    }

    /** Detaches every journal this unit attached; always called when the unit ends. */
    void unbindAll() {
        for (Binding b : bound) {
            attach(b.value, null);
        }
        bound.clear();
    }

    /** A collection the unit read from {@code key}: its later in-place changes are logged against that key. */
    void read(int db, byte[] key, KeyspaceValue value) {
        if (journalOf(value) == null && !(value instanceof io.trustgate.redis.spi.StringValue)) {
            bind(db, key, value);
        }
    }

    /**
     * {@code value} was stored under {@code key}, replacing {@code old} (null when absent) and the expiry
     * {@code oldExpireAt}.
     */
    void put(int db, byte[] key, KeyspaceValue value, long expireAt, KeyspaceValue old, long oldExpireAt) {
        ChangeJournal j = journalOf(value);
        if (old == value && j instanceof Binding b && b.is(db, key)) {
            if (oldExpireAt != expireAt) {
                expire(db, key, expireAt);
            }
            return;
        }
        if (old != null && old != value) {
            unbind(old, db, key);
        }
        ops++;
        Records.put(out, db, key, expireAt, value);
        if (j instanceof Binding b) {
            b.db = db;
            b.key = key;
        } else if (!(value instanceof io.trustgate.redis.spi.StringValue)) {
            bind(db, key, value);
        }
    }

    void expire(int db, byte[] key, long expireAt) {
        ops++;
        Records.expire(out, db, key, expireAt);
    }

    /** {@code key} was deleted; it held {@code old}. */
    void delete(int db, byte[] key, KeyspaceValue old) {
        unbind(old, db, key);
        ops++;
        Records.delete(out, db, key);
    }

    void clear(int db) {
        for (Binding b : bound) {
            if (b.db == db) {
                attach(b.value, null);
            }
        }
        ops++;
        Records.clear(out, db);
    }

    private void bind(int db, byte[] key, KeyspaceValue value) {
        Binding b = new Binding(db, key, value);
        attach(value, b);
        bound.add(b);
    }

    private static void unbind(KeyspaceValue value, int db, byte[] key) {
        if (journalOf(value) instanceof Binding b && b.is(db, key)) {
            attach(value, null);
        }
    }

    private static ChangeJournal journalOf(KeyspaceValue value) {
        if (value instanceof ListValue l) {
            return l.journal();
        } else if (value instanceof HashValue h) {
            return h.journal();
        } else if (value instanceof SetValue s) {
            return s.journal();
        } else if (value instanceof SortedSetValue z) {
            return z.journal();
        }
        return null;
    }

    private static void attach(KeyspaceValue value, ChangeJournal journal) {
        if (value instanceof ListValue l) {
            l.attachJournal(journal);
        } else if (value instanceof HashValue h) {
            h.attachJournal(journal);
        } else if (value instanceof SetValue s) {
            s.attachJournal(journal);
        } else if (value instanceof SortedSetValue z) {
            z.attachJournal(journal);
        }
    }

    /** One collection bound to one key for the rest of the unit; turns its changes into delta ops. */
    private final class Binding implements ChangeJournal {

        private int db;
        private byte[] key;
        private final KeyspaceValue value;

        Binding(int db, byte[] key, KeyspaceValue value) {
            this.db = db;
            this.key = key;
            this.value = value;
        }

        boolean is(int otherDb, byte[] otherKey) {
            return db == otherDb && (key == otherKey || Arrays.equals(key, otherKey));
        }

        @Override
        public void listPushed(boolean head, byte[] element) {
            ops++;
            Records.listPush(out, db, key, head, element);
        }

        @Override
        public void listPopped(boolean head) {
            ops++;
            Records.listPop(out, db, key, head);
        }

        @Override
        public void listReplaced(List<byte[]> elements) {
            ops++;
            Records.listReplace(out, db, key, elements);
        }

        @Override
        public void hashFieldSet(byte[] field, byte[] v) {
            ops++;
            Records.member(out, Records.HASH_SET, db, key, field, v);
        }

        @Override
        public void hashFieldRemoved(byte[] field) {
            ops++;
            Records.member(out, Records.HASH_DELETE, db, key, field, null);
        }

        @Override
        public void setMemberAdded(byte[] member) {
            ops++;
            Records.member(out, Records.SET_ADD, db, key, member, null);
        }

        @Override
        public void setMemberRemoved(byte[] member) {
            ops++;
            Records.member(out, Records.SET_REMOVE, db, key, member, null);
        }

        @Override
        public void sortedSetMemberSet(byte[] member, double score) {
            ops++;
            Records.sortedSetSet(out, db, key, member, score);
        }

        @Override
        public void sortedSetMemberRemoved(byte[] member) {
            ops++;
            Records.member(out, Records.ZSET_REMOVE, db, key, member, null);
        }
    }
}
