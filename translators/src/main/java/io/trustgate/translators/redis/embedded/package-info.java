/**
 * The embedded Redis backend: {@link io.trustgate.translators.redis.embedded.InMemoryKeyspaceEngine} (durable through
 * {@code Persistence}: a CRC-framed log of what each unit changed, down to one pushed element or one hash field
 * ({@code UnitJournal}, {@code Records}, {@code Replay}), snapshots and group-commit fsync, see
 * docs/embedded-engine.md), a
 * {@link io.trustgate.redis.spi.KeyspaceEngine} that keeps 16 databases of strings, lists, hashes, sets and
 * sorted sets in memory behind one lock, expires keys lazily on access and in a background sweep, and orders keys by a 63-bit hash so that SCAN cursors are plain
 * numbers that survive concurrent writes. The engine class is public so the gateway can construct it; its parts
 * are package-private. Redis command semantics are not here: they live in protocol-redis and run on top.
 */
package io.trustgate.translators.redis.embedded;
