package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.ElementPage;
import io.trustgate.redis.spi.SortedSetValue;
import org.jdbi.v3.core.mapper.RowMapper;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * HSCAN, SSCAN and ZSCAN in pages, where the dialect indexes fields and members by a hash
 * ({@link SqlDialect#childHash}: MariaDB's SHA-256 column in the primary key, PostgreSQL's sha256 expression index). A page is the next rows in hash order from
 * the cursor, read through the primary key, so only the page travels and the iteration walks the collection once.
 *
 * <p>The cursor names a position: the first 62 bits of a hash, plus one (so that 0 still ends the iteration and
 * every cursor is a decimal number below 2^62 that any client accepts). A page reads the rows whose hash is at or
 * after its position, at most {@code size + 1} of them; it returns those before the position of the last row read
 * and hands that position on as the next cursor. So consecutive pages cover adjacent ranges of positions and
 * together every position once: a field or member present for the whole iteration keeps its hash and is returned
 * at least once, whatever is added or removed meanwhile (Redis's SCAN guarantee). Rows that share the position
 * where a page stops all come in the next page. Pages hold at least {@value #MIN_PAGE} elements, so a collection
 * that small comes back whole with cursor 0, as Redis answers for its small encodings.
 */
final class ScanRows {

    static final int MIN_PAGE = 128;
    private static final int MAX_PAGE = 10_000;
    private static final long POSITIONS = 1L << 62;

    private final SqlKeyspace ks;
    private final SqlTransaction tx;

    ScanRows(SqlKeyspace ks) {
        this.ks = ks;
        this.tx = ks.tx;
    }

    /** A read row: its hash and what it adds to the page. */
    record Row<T>(byte[] hash, T element) {
    }

    /**
     * One page of {@code table}'s rows of {@code key}, ordered by {@code hashColumn}; {@code columns} are read
     * after the hash and {@code read} maps them (their first column is the second of the row).
     */
    <T> ElementPage<T> page(byte[] key, String table, String hashColumn, String columns, long cursor, int count,
                            RowMapper<T> read) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT || cursor < 0 || cursor > POSITIONS) {
            return new ElementPage<>(0, new ArrayList<>());
        }
        int size = Math.max(MIN_PAGE, Math.min(count, MAX_PAGE));
        byte[] from = cursor == 0 ? new byte[0] : ByteBuffer.allocate(8).putLong((cursor - 1) << 2).array();
        List<Row<T>> rows = rows(table, hashColumn, columns, r, from, size + 1L, read);
        List<T> out = new ArrayList<>(rows.size());
        if (rows.size() <= size) {
            rows.forEach(row -> out.add(row.element()));
            return new ElementPage<>(0, out);
        }
        long stop = position(rows.get(size).hash());
        for (Row<T> row : rows) {
            if (position(row.hash()) < stop) {
                out.add(row.element());
            }
        }
        if (out.isEmpty()) { // more than a page of rows share one position (not seen with SHA-256): take the rest
            rows(table, hashColumn, columns, r, from, Long.MAX_VALUE, read).forEach(row -> out.add(row.element()));
            return new ElementPage<>(0, out);
        }
        return new ElementPage<>(stop + 1, out);
    }

    /** An HSCAN page: each field followed by its value. */
    ElementPage<byte[]> hashPage(byte[] key, long cursor, int count) {
        ElementPage<byte[][]> page = page(key, tx.tables.hashes(), tx.dialect.childHash("field"),
                "field, OCTET_LENGTH(value), value", cursor, count,
                (rs, ctx) -> new byte[][] {rs.getBytes(2), ValueRows.readValue(rs, 3, 4)});
        List<byte[]> flat = new ArrayList<>(page.elements().size() * 2);
        for (byte[][] fieldAndValue : page.elements()) {
            flat.add(fieldAndValue[0]);
            flat.add(fieldAndValue[1]);
        }
        return new ElementPage<>(page.cursor(), flat);
    }

    /** An SSCAN page. */
    ElementPage<byte[]> setPage(byte[] key, long cursor, int count) {
        return page(key, tx.tables.sets(), tx.dialect.childHash("member"), "member", cursor, count,
                (rs, ctx) -> rs.getBytes(2));
    }

    /** A ZSCAN page: members with their scores. */
    ElementPage<SortedSetValue.Member> sortedSetPage(byte[] key, long cursor, int count) {
        return page(key, tx.tables.zsets(), tx.dialect.childHash("member"), "member, score_bits", cursor, count,
                (rs, ctx) -> new SortedSetValue.Member(rs.getBytes(2), Double.longBitsToDouble(rs.getLong(3))));
    }

    private <T> List<Row<T>> rows(String table, String hashColumn, String columns, KeyRow r, byte[] from, long limit,
                                  RowMapper<T> read) {
        return tx.query("SELECT " + hashColumn + ", " + columns + " FROM " + table + " WHERE key_id = :id AND "
                        + hashColumn + " >= :from ORDER BY " + hashColumn + " LIMIT :n")
                .bind("id", r.id).bind("from", from).bind("n", limit)
                .map((rs, ctx) -> new Row<>(rs.getBytes(1), read.map(rs, ctx))).list();
    }

    /** The first 62 bits of a hash, as a non-negative number. */
    private static long position(byte[] hash) {
        return ByteBuffer.wrap(hash, 0, 8).getLong() >>> 2;
    }
}
