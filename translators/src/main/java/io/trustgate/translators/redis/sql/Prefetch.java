package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.Entry;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the key rows (and string values) of many keys of one database in one statement, for {@link ReadBatcher}.
 * PostgreSQL binds the names as one {@code bytea[]} and looks each up by the unique index
 * ({@link SqlKeyspace#rowsByArrayStatement}): one statement text and one plan for any batch. MariaDB lists them,
 * {@code WHERE k.db = ? AND k.name_hash IN (...)}, the list padded to a power of two (at most {@value #MAX_KEYS})
 * by repeating a key, so each connection prepares at most a handful of statement texts.
 */
final class Prefetch {

    static final int MAX_KEYS = 64;

    /** A key row as read ({@link #ABSENT} for no row); immutable: {@link #row} gives each unit its own copy. */
    record Row(long id, String type, long expireAt, long stamp, byte[] value) {

        static final Row ABSENT = new Row(0, null, Entry.NO_EXPIRY, 0, null);

        /** A fresh {@link KeyRow} for one unit, or null for {@link #ABSENT}. */
        KeyRow row() {
            return this == ABSENT ? null : new KeyRow(id, type, expireAt, stamp);
        }
    }

    private Prefetch() {
    }

    /** The rows of {@code keys} (at most {@value #MAX_KEYS}) of database {@code db}, absent ones as ABSENT. */
    static Map<ByteBuffer, Row> rows(Connection c, Tables t, SqlDialect dialect, int db, List<byte[]> keys) throws SQLException {
        int n = Integer.highestOneBit(keys.size());
        if (n < keys.size()) {
            n <<= 1;
        }
        Map<ByteBuffer, Row> out = new HashMap<>(keys.size() * 2);
        for (byte[] k : keys) {
            out.put(ByteBuffer.wrap(k), Row.ABSENT);
        }
        Array names = dialect.namesArray(c, out.keySet().stream().map(ByteBuffer::array).toList());
        String sql = names != null ? KeyRows.rowsByArrayStatement(t, dialect)
                : KeyRows.rowsStatement(t, dialect, n);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (names != null) {
                ps.setArray(1, names);
                ps.setInt(2, db);
            } else {
                ps.setInt(1, db);
                for (int i = 0; i < n; i++) {
                    ps.setBytes(i + 2, keys.get(Math.min(i, keys.size() - 1)));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    KeyRow r = KeyRows.readRow(rs, 2);
                    out.put(ByteBuffer.wrap(rs.getBytes(1)),
                            new Row(r.id, r.type, r.expireAt, r.stamp, ValueRows.readValue(rs, 6, 7)));
                }
            }
        }
        return out;
    }
}
