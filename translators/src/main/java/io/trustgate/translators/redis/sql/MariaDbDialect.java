package io.trustgate.translators.redis.sql;

import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * MariaDB 10.5+ (InnoDB): {@code VARBINARY(3000)} for indexed bytes (an InnoDB index entry holds at most 3072
 * bytes), {@code LONGBLOB} for values, and {@code DOUBLE} scores, which cannot hold infinities (those show as
 * NULL in the readable {@code score} column; {@code score_bits} is exact). {@code CREATE TABLE IF NOT EXISTS}
 * is safe to race under MariaDB's metadata locks, so schema creation needs no extra lock.
 */
final class MariaDbDialect implements SqlDialect {

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public List<String> schema(Tables t) {
        String fk = ", FOREIGN KEY (key_id) REFERENCES " + t.keys() + " (id) ON DELETE CASCADE";
        String engine = ") ENGINE=InnoDB";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + t.lock() + " (id INT PRIMARY KEY, stamp BIGINT NOT NULL" + engine,
                "INSERT IGNORE INTO " + t.lock() + " (id, stamp) VALUES (1, 0)",
                "CREATE TABLE IF NOT EXISTS " + t.keys() + " (id BIGINT PRIMARY KEY, db INT NOT NULL,"
                        + " name VARBINARY(3000) NOT NULL, type VARCHAR(8) NOT NULL, expire_at_ms BIGINT NULL,"
                        + " stamp BIGINT NOT NULL, UNIQUE KEY " + t.keys() + "_db_name (db, name),"
                        + " KEY " + t.keys() + "_db_id (db, id), KEY " + t.keys() + "_expiry (expire_at_ms)"
                        + engine,
                "CREATE TABLE IF NOT EXISTS " + t.strings() + " (key_id BIGINT PRIMARY KEY,"
                        + " value LONGBLOB NOT NULL" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.hashes() + " (key_id BIGINT NOT NULL,"
                        + " field VARBINARY(3000) NOT NULL, value LONGBLOB NOT NULL, PRIMARY KEY (key_id, field)"
                        + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.lists() + " (key_id BIGINT NOT NULL, idx BIGINT NOT NULL,"
                        + " value LONGBLOB NOT NULL, PRIMARY KEY (key_id, idx)" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.sets() + " (key_id BIGINT NOT NULL,"
                        + " member VARBINARY(3000) NOT NULL, PRIMARY KEY (key_id, member)" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.zsets() + " (key_id BIGINT NOT NULL,"
                        + " member VARBINARY(3000) NOT NULL, score DOUBLE NULL, score_bits BIGINT NOT NULL,"
                        + " PRIMARY KEY (key_id, member)" + fk + engine,
                SqlDialect.readableView(t, MariaDbDialect::text, "NULL", "CHAR"));
    }

    /** Bytes as UTF-8 text; invalid sequences show as '?'. */
    private static String text(String column) {
        return "CONVERT(" + column + " USING utf8mb4)";
    }

    @Override
    public void lockSchema(Handle h) {
        // MariaDB serializes CREATE TABLE IF NOT EXISTS through metadata locks; INSERT IGNORE is idempotent.
    }

    @Override
    public Object readableScore(double score) {
        return Double.isInfinite(score) ? null : score;
    }
}
