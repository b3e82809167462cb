package io.trustgate.translators.redis.sql;

import org.jdbi.v3.core.Handle;

import java.util.List;

/** PostgreSQL 12+: {@code bytea} everywhere, DDL is transactional, an advisory lock guards schema creation. */
final class PostgresDialect implements SqlDialect {

    /** Arbitrary constant identifying trustgate's schema-creation advisory lock. */
    private static final long SCHEMA_LOCK = 0x7472757374676174L;

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public List<String> schema(Tables t) {
        String fk = " NOT NULL REFERENCES " + t.keys() + "(id) ON DELETE CASCADE";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + t.lock() + " (id INT PRIMARY KEY, stamp BIGINT NOT NULL)",
                "INSERT INTO " + t.lock() + " (id, stamp) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
                "CREATE TABLE IF NOT EXISTS " + t.keys() + " (id BIGINT PRIMARY KEY, db INT NOT NULL,"
                        + " name BYTEA NOT NULL, type VARCHAR(8) NOT NULL, expire_at_ms BIGINT,"
                        + " stamp BIGINT NOT NULL, UNIQUE (db, name))",
                "CREATE INDEX IF NOT EXISTS " + t.keys() + "_db_id ON " + t.keys() + " (db, id)",
                "CREATE INDEX IF NOT EXISTS " + t.keys() + "_expiry ON " + t.keys() + " (expire_at_ms)"
                        + " WHERE expire_at_ms IS NOT NULL",
                "CREATE TABLE IF NOT EXISTS " + t.strings() + " (key_id BIGINT PRIMARY KEY REFERENCES " + t.keys()
                        + "(id) ON DELETE CASCADE, value BYTEA NOT NULL)",
                "CREATE TABLE IF NOT EXISTS " + t.hashes() + " (key_id BIGINT" + fk + ", field BYTEA NOT NULL,"
                        + " value BYTEA NOT NULL, PRIMARY KEY (key_id, field))",
                "CREATE TABLE IF NOT EXISTS " + t.lists() + " (key_id BIGINT" + fk + ", idx BIGINT NOT NULL,"
                        + " value BYTEA NOT NULL, PRIMARY KEY (key_id, idx))",
                "CREATE TABLE IF NOT EXISTS " + t.sets() + " (key_id BIGINT" + fk + ", member BYTEA NOT NULL,"
                        + " PRIMARY KEY (key_id, member))",
                "CREATE TABLE IF NOT EXISTS " + t.zsets() + " (key_id BIGINT" + fk + ", member BYTEA NOT NULL,"
                        + " score DOUBLE PRECISION, score_bits BIGINT NOT NULL, PRIMARY KEY (key_id, member))",
                SqlDialect.readableView(t, PostgresDialect::text, "CAST(NULL AS TEXT)", "TEXT"));
    }

    /** Bytes as text: UTF-8/ASCII shown as is, other bytes as octal escapes (never fails, unlike convert_from). */
    private static String text(String column) {
        return "encode(" + column + ", 'escape')";
    }

    @Override
    public void lockSchema(Handle h) {
        h.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
    }

    @Override
    public Object readableScore(double score) {
        return score;
    }
}
