package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.StringValue;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads and writes whole values in their type's table ({@code strings}, {@code hashes}, {@code lists},
 * {@code sets}, {@code zsets}), keyed by the key's {@code id}. Collections are written with JDBC batches, in
 * chunks of {@value #BATCH} rows, so a large value never becomes one giant statement. Values of
 * {@value #STREAM_THRESHOLD} bytes or more go to the driver as a stream ({@code setBinaryStream}) and come back
 * from {@code getBinaryStream} into one array of their exact length, so no extra whole-value copy is made on
 * either side. Lists are written at positions 0..n-1; {@link CollectionRows} keeps them contiguous. Confined to
 * the thread running the unit of work.
 */
final class ValueRows {

    static final int STREAM_THRESHOLD = 64 * 1024;
    private static final int BATCH = 500;

    private final SqlTransaction tx;
    private final Tables t;

    ValueRows(SqlTransaction tx) {
        this.tx = tx;
        this.t = tx.tables;
    }

    /** Binds a value; large ones as a stream (the driver then reads the array in place instead of copying it). */
    static void bindValue(SqlStatement<?> s, String name, byte[] v) {
        if (v.length >= STREAM_THRESHOLD) {
            s.bindBinaryStream(name, new ByteArrayInputStream(v), v.length);
        } else {
            s.bind(name, v);
        }
    }

    /** Reads a value column whose length (OCTET_LENGTH) is in column {@code lengthCol}; null for SQL NULL. */
    static byte[] readValue(ResultSet rs, int lengthCol, int valueCol) throws SQLException {
        long length = rs.getLong(lengthCol);
        if (rs.wasNull()) {
            return null;
        }
        if (length < STREAM_THRESHOLD) {
            return rs.getBytes(valueCol);
        }
        byte[] out = new byte[Math.toIntExact(length)];
        try (InputStream in = rs.getBinaryStream(valueCol)) {
            if (in.readNBytes(out, 0, out.length) != out.length) {
                throw new SQLException("value shorter than its OCTET_LENGTH " + length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Loads a whole value of stored type {@code type}. */
    KeyspaceValue load(long id, String type) {
        switch (type) {
            case "string":
                return new StringValue(tx.query("SELECT OCTET_LENGTH(value), value FROM " + t.strings()
                                + " WHERE key_id = :id")
                        .bind("id", id).map((rs, ctx) -> readValue(rs, 1, 2)).one());
            case "hash": {
                HashValue v = new HashValue();
                tx.query("SELECT field, OCTET_LENGTH(value), value FROM " + t.hashes() + " WHERE key_id = :id")
                        .bind("id", id).map((rs, ctx) -> v.put(rs.getBytes(1), readValue(rs, 2, 3)))
                        .forEach(x -> { });
                return v;
            }
            case "list": {
                ListValue v = new ListValue();
                tx.query("SELECT OCTET_LENGTH(value), value FROM " + t.lists() + " WHERE key_id = :id ORDER BY idx")
                        .bind("id", id).map((rs, ctx) -> readValue(rs, 1, 2)).forEach(v::addLast);
                return v;
            }
            case "set": {
                SetValue v = new SetValue();
                tx.query("SELECT member FROM " + t.sets() + " WHERE key_id = :id").bind("id", id)
                        .mapTo(byte[].class).forEach(v::add);
                return v;
            }
            case "zset": {
                SortedSetValue v = new SortedSetValue();
                tx.query("SELECT member, score_bits FROM " + t.zsets() + " WHERE key_id = :id")
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
        tx.update("DELETE FROM " + t.child(type) + " WHERE key_id = :id").bind("id", id).execute();
    }

    /** Replaces a string value in place (the key already holds a string). */
    void updateString(long id, StringValue v) {
        var u = tx.update("UPDATE " + t.strings() + " SET value = :v WHERE key_id = :id").bind("id", id);
        bindValue(u, "v", v.bytes());
        u.execute();
    }

    /** Inserts the rows of {@code value} for key {@code id}, which has no rows of this type yet. */
    void insert(long id, KeyspaceValue value) {
        if (value instanceof StringValue) {
            var u = tx.update("INSERT INTO " + t.strings() + " (key_id, value) VALUES (:id, :v)").bind("id", id);
            bindValue(u, "v", ((StringValue) value).bytes());
            u.execute();
        } else if (value instanceof HashValue) {
            HashValue v = (HashValue) value;
            Batch b = new Batch("INSERT INTO " + t.hashes() + " (key_id, field, value) VALUES (?, ?, ?)");
            for (int i = 0; i < v.size(); i++) {
                b.add(id, v.field(i), v.value(i));
            }
            b.flush();
        } else if (value instanceof ListValue) {
            insertList(id, 0, ((ListValue) value).toList());
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
                b.add(id, m.member(), tx.dialect.readableScore(m.score()), Double.doubleToLongBits(m.score()));
            }
            b.flush();
        }
    }

    /** Inserts list elements at positions {@code first}, {@code first + 1}, ... */
    void insertList(long id, long first, List<byte[]> elements) {
        Batch b = new Batch("INSERT INTO " + t.lists() + " (key_id, idx, value) VALUES (?, ?, ?)");
        long idx = first;
        for (byte[] e : elements) {
            b.add(id, idx++, e);
        }
        b.flush();
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
                batch = tx.batch(sql);
            }
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    batch.bindNull(i, java.sql.Types.DOUBLE);
                } else if (args[i] instanceof byte[] && ((byte[]) args[i]).length >= STREAM_THRESHOLD) {
                    byte[] v = (byte[]) args[i];
                    batch.bindBinaryStream(i, new ByteArrayInputStream(v), v.length);
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
