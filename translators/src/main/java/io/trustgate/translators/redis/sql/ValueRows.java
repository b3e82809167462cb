package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.StringValue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.List;

/**
 * Reads and writes the rows of one value in its type's table ({@code strings}, {@code hashes}, {@code lists},
 * {@code sets}, {@code zsets}), keyed by the key's {@code id}. Collections are written with JDBC batches, in
 * chunks of {@value #BATCH} rows, so a large value never becomes one giant statement. Confined to the thread
 * running the unit of work.
 */
final class ValueRows {

    private static final int BATCH = 500;

    private final Handle h;
    private final Tables t;
    private final SqlDialect dialect;

    ValueRows(Handle h, Tables t, SqlDialect dialect) {
        this.h = h;
        this.t = t;
        this.dialect = dialect;
    }

    /** Loads a collection value; strings are loaded with the key row ({@link SqlKeyspace}). */
    KeyspaceValue load(long id, String type) {
        switch (type) {
            case "string":
                return new StringValue(h.createQuery("SELECT value FROM " + t.strings() + " WHERE key_id = :id")
                        .bind("id", id).mapTo(byte[].class).one());
            case "hash": {
                HashValue v = new HashValue();
                h.createQuery("SELECT field, value FROM " + t.hashes() + " WHERE key_id = :id").bind("id", id)
                        .map((rs, ctx) -> v.put(rs.getBytes(1), rs.getBytes(2))).forEach(x -> { });
                return v;
            }
            case "list": {
                ListValue v = new ListValue();
                h.createQuery("SELECT value FROM " + t.lists() + " WHERE key_id = :id ORDER BY idx")
                        .bind("id", id).mapTo(byte[].class).forEach(v::addLast);
                return v;
            }
            case "set": {
                SetValue v = new SetValue();
                h.createQuery("SELECT member FROM " + t.sets() + " WHERE key_id = :id").bind("id", id)
                        .mapTo(byte[].class).forEach(v::add);
                return v;
            }
            case "zset": {
                SortedSetValue v = new SortedSetValue();
                h.createQuery("SELECT member, score_bits FROM " + t.zsets() + " WHERE key_id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> v.put(rs.getBytes(1), Double.longBitsToDouble(rs.getLong(2))))
                        .forEach(x -> { });
                return v;
            }
            default:
                throw new IllegalStateException("unknown stored type '" + type + "'");
        }
    }

    /** Deletes the rows of a value of stored type {@code type}. */
    void delete(long id, String type) {
        h.createUpdate("DELETE FROM " + t.child(type) + " WHERE key_id = :id").bind("id", id).execute();
    }

    /** Replaces a string value in place (the key already holds a string). */
    void updateString(long id, StringValue v) {
        h.createUpdate("UPDATE " + t.strings() + " SET value = :v WHERE key_id = :id").bind("v", v.bytes())
                .bind("id", id).execute();
    }

    /** Inserts the rows of {@code value} for key {@code id}, which has no rows of this type yet. */
    void insert(long id, KeyspaceValue value) {
        if (value instanceof StringValue) {
            h.createUpdate("INSERT INTO " + t.strings() + " (key_id, value) VALUES (:id, :v)").bind("id", id)
                    .bind("v", ((StringValue) value).bytes()).execute();
        } else if (value instanceof HashValue) {
            HashValue v = (HashValue) value;
            Batch b = new Batch("INSERT INTO " + t.hashes() + " (key_id, field, value) VALUES (?, ?, ?)");
            for (int i = 0; i < v.size(); i++) {
                b.add(id, v.field(i), v.value(i));
            }
            b.flush();
        } else if (value instanceof ListValue) {
            ListValue v = (ListValue) value;
            Batch b = new Batch("INSERT INTO " + t.lists() + " (key_id, idx, value) VALUES (?, ?, ?)");
            long idx = 0;
            for (byte[] e : v.toList()) {
                b.add(id, idx++, e);
            }
            b.flush();
        } else if (value instanceof SetValue) {
            List<byte[]> members = ((SetValue) value).members();
            Batch b = new Batch("INSERT INTO " + t.sets() + " (key_id, member) VALUES (?, ?)");
            for (byte[] m : members) {
                b.add(id, m);
            }
            b.flush();
        } else {
            SortedSetValue v = (SortedSetValue) value;
            Batch b = new Batch("INSERT INTO " + t.zsets() + " (key_id, member, score, score_bits)"
                    + " VALUES (?, ?, ?, ?)");
            for (SortedSetValue.Member m : v.members()) {
                b.add(id, m.member(), dialect.readableScore(m.score()), Double.doubleToLongBits(m.score()));
            }
            b.flush();
        }
    }

    /** A JDBC batch flushed every {@value #BATCH} rows. */
    private final class Batch {
        private final String sql;
        private PreparedBatch batch;

        Batch(String sql) {
            this.sql = sql;
        }

        void add(Object... args) {
            if (batch == null) {
                batch = h.prepareBatch(sql);
            }
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    batch.bindNull(i, java.sql.Types.DOUBLE);
                } else {
                    batch.bind(i, args[i]);
                }
            }
            batch.add();
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch != null && batch.size() > 0) {
                batch.execute();
            }
            batch = null;
        }
    }
}
