/**
 * The Redis keyspace engine SPI: what a backend must offer so that trustgate can serve Redis commands from it.
 *
 * <p>An engine stores typed values ({@link io.trustgate.redis.spi.KeyspaceValue}) under binary keys in numbered
 * databases, with an optional expiry and a modification stamp per key, and runs units of work atomically
 * ({@link io.trustgate.redis.spi.KeyspaceEngine#atomically}). The value kinds are a closed set, one class each:
 * strings, lists, hashes, sets and sorted sets; the collections are plain mutable containers that expose their
 * content directly (fields, members, scores in order), changed in place within one unit of work and stored back
 * with {@code put}, so that an engine that persists them (in tables, say) sees every change there; an engine that
 * wants each change itself attaches a {@link io.trustgate.redis.spi.ChangeJournal} to them. Engines that
 * store a collection as rows can also implement the optional field, element and member operations of
 * {@link io.trustgate.redis.spi.Keyspace} ({@code hashPut}, {@code listPush}, {@code setAdd}, {@code sortedSetPut}...),
 * which the command layer uses for single-field commands; their defaults work on whole values. It knows
 * nothing about Redis commands: their
 * semantics are written once, in {@code io.trustgate.redis.command.keyspace}, on top of this interface. Engines
 * live in the {@code translators} module and declare their {@link io.trustgate.redis.spi.Capability capabilities};
 * the command layer refuses what an engine cannot do. Everything here is public because engines in other modules
 * implement it, except the helpers behind the values (the sorted set's {@code MemberIndex} and {@code ScoreTree},
 * {@code WholeValues}), which are package-private; nothing here depends on Netty or on the command layer.
 */
package io.trustgate.redis.spi;
