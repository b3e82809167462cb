package io.trustgate.translators.redis.sql;

import org.jdbi.v3.core.Handle;

/**
 * Hands out stamps (and new key ids) from blocks of {@value #BLOCK} taken from the database sequence
 * {@code <prefix>stamps}, which steps by {@value #BLOCK}: a block belongs to one engine, so stamps are unique
 * across every gateway on the database without a shared counter row, and the sequence is asked once per
 * {@value #BLOCK} writes. Stamps are unique, not ordered across gateways (WATCH only compares them for
 * equality). Thread-safe.
 */
final class StampSource {

    /** Must equal the sequence's INCREMENT BY in {@link SqlDialect#schema}. */
    static final int BLOCK = 1024;

    private final SqlDialect dialect;
    private final Tables tables;
    private long next;
    private long limit;

    StampSource(SqlDialect dialect, Tables tables) {
        this.dialect = dialect;
        this.tables = tables;
    }

    /** The next stamp; takes a new block on {@code h} when this one is used up (sequences ignore rollback). */
    synchronized long next(Handle h) {
        if (next == limit) {
            long start = dialect.nextStampBlock(h, tables);
            next = start;
            limit = start + BLOCK;
        }
        return next++;
    }
}
