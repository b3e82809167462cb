package io.trustgate.translators.redis.sql;

import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * What differs between PostgreSQL and MariaDB: column types, the DDL, how a concurrent first start is kept from
 * racing, and how a score that the database cannot hold is shown. Every statement that reads or writes Redis data
 * is written once, in portable SQL, in {@link SqlKeyspace}, {@link ValueRows} and {@link SqlKeyspaceEngine}.
 */
interface SqlDialect {

    /** Short name for logs and thread names. */
    String name();

    /** Statements that create the schema if it does not exist; idempotent, run in order in one transaction. */
    List<String> schema(Tables t);

    /** Called first in the schema transaction: serializes concurrent schema creation across gateways. */
    void lockSchema(Handle h);

    /** The readable copy of a score for the {@code score} column (the exact score is in {@code score_bits}). */
    Object readableScore(double score);
}
