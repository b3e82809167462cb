package io.trustgate.compat.redis;

import java.util.EnumSet;
import java.util.Set;

/**
 * The backends every compat test runs against. A new backend joins the whole matrix by one constant here: its
 * YAML backend fragment, the backend name the gateway puts in refusals, and what it can do. Where a target lacks a
 * {@link Feature}, tests assert the gateway's clear refusal instead of the feature.
 */
enum Target {

    /** Passthrough to the standalone Redis on 127.0.0.1:6379. */
    PASSTHROUGH("redis", "{name: redis, type: redis, address: \"127.0.0.1:6379\"}",
            EnumSet.allOf(Feature.class)),
    /** Passthrough to the Redis Cluster on 127.0.0.1:7000-7002 ({@code scripts/redis-cluster.sh}). */
    CLUSTER("cluster", "{name: cluster, type: redis-cluster, "
            + "nodes: [\"127.0.0.1:7000\", \"127.0.0.1:7001\", \"127.0.0.1:7002\"]}",
            EnumSet.of(Feature.LISTS, Feature.TRANSACTIONS, Feature.PUBSUB, Feature.BLOCKING)),
    /** trustgate's own in-memory keyspace (what its engine declares: strings, lists, expiry, transactions;
     *  blocking pops and pub/sub are the gateway's, in one instance). */
    EMBEDDED("embedded", "{name: embedded, type: embedded, dataDir: none}",
            EnumSet.of(Feature.LISTS, Feature.TRANSACTIONS, Feature.SELECT, Feature.RESP3, Feature.PUBSUB,
                    Feature.BLOCKING)),
    /** Redis on PostgreSQL 127.0.0.1:5432/test: the same command code as embedded, on SQL tables. */
    POSTGRES("postgres", "{name: postgres, type: postgres, url: \"jdbc:postgresql://127.0.0.1:5432/test\", "
            + "username: postgres, tablePrefix: compat_}",
            EnumSet.of(Feature.LISTS, Feature.TRANSACTIONS, Feature.SELECT, Feature.RESP3, Feature.PUBSUB,
                    Feature.BLOCKING)),
    /** Redis on MariaDB 127.0.0.1:3306/test. */
    MARIADB("mariadb", "{name: mariadb, type: mariadb, url: \"jdbc:mariadb://127.0.0.1:3306/test\", "
            + "username: root, tablePrefix: compat_}",
            EnumSet.of(Feature.LISTS, Feature.TRANSACTIONS, Feature.SELECT, Feature.RESP3, Feature.PUBSUB,
                    Feature.BLOCKING));

    /** What a target may lack; strings, keys and TTLs every target has. */
    enum Feature {
        LISTS,
        /** MULTI/EXEC and WATCH. */
        TRANSACTIONS,
        /** SUBSCRIBE/PUBLISH. */
        PUBSUB,
        /** BLPOP and friends. */
        BLOCKING,
        /** SELECT of a non-zero database. */
        SELECT,
        /** HELLO 3 answered in RESP3; without it the gateway answers -NOPROTO and clients fall back to RESP2. */
        RESP3
    }

    private final String backend;
    private final String yaml;
    private final Set<Feature> features;

    Target(String backend, String yaml, Set<Feature> features) {
        this.backend = backend;
        this.yaml = yaml;
        this.features = features;
    }

    /** The configured backend name, as it appears in the gateway's refusals. */
    String backend() {
        return backend;
    }

    /** The backend's item in the YAML {@code backends} list. */
    String yaml() {
        return yaml;
    }

    /** The plain listener routed to this target. */
    String listener() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A second listener routed to this target that requires {@code AUTH} with {@link GatewayFixture#PASSWORD}. */
    String authListener() {
        return listener() + "-auth";
    }

    boolean has(Feature feature) {
        return features.contains(feature);
    }

    /** The refusal the gateway gives for {@code command} on a target without the feature it needs. */
    String refusalPrefix(String command) {
        return "ERR command '" + command + "' is not supported by backend '" + backend + "' (";
    }
}
