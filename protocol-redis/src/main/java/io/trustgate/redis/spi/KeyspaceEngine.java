package io.trustgate.redis.spi;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A store of typed values under binary keys, in {@link #databases()} numbered databases: the one interface a
 * backend implements to serve Redis commands.
 *
 * <p>All data access happens inside {@link #atomically}: the engine runs the unit of work with a
 * {@link KeyspaceTransaction} and no other unit that writes may interleave with it, across all databases.
 * An engine may run the work on the calling thread (an in-memory engine, under a lock) or on its own bounded
 * executor (a JDBC engine, inside a database transaction); callers never block on the returned stage.
 * The work is plain synchronous code and must not block on anything but the engine itself.
 *
 * <p>Thread safety: every method may be called from any thread, concurrently.
 */
public interface KeyspaceEngine extends AutoCloseable {

    /** The hint given with each unit of work; an engine may run {@code READ} units concurrently. */
    enum Access { READ, WRITE }

    /** What this engine can do; the command layer refuses commands that need anything else. Never changes. */
    Set<Capability> capabilities();

    /** Number of databases, numbered from 0 (Redis has 16). At least 1. Never changes. */
    int databases();

    /**
     * Runs {@code work} atomically and completes with its result, or exceptionally with whatever it threw
     * (after undoing its writes where the engine can). The transaction handed to {@code work} is valid only
     * until {@code work} returns.
     */
    <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work);

    /**
     * True when {@link #atomically} has run the unit (its effects visible to the next unit of any caller) by the
     * time it returns, even when the stage completes later because the engine waits for durability (a log write
     * or fsync) before acknowledging. The command layer then starts a client's next command without waiting for
     * the previous reply, which still leaves in order. The default, false, suits engines that run units on their own
     * threads. Never changes.
     */
    default boolean appliesInline() {
        return false;
    }

    /**
     * How PUBLISH reaches other gateway instances sharing this backend; asked once per route target. The
     * default carries nothing (a single instance). A shared database can override it (PostgreSQL LISTEN/NOTIFY).
     */
    default PubSubTransport pubSub() {
        return PubSubTransport.inProcess();
    }

    /**
     * How {@link #pubSub()} carries messages and key-ready signals to other gateway instances, in a few words for
     * capability reports ("PostgreSQL LISTEN/NOTIFY"); null for an engine of one instance. An engine that answers
     * non-null declares {@link Capability#PUBSUB_FANOUT}. Never changes.
     */
    default String pubSubFanOut() {
        return null;
    }

    /** Stops background work (expiry sweeps, pools). Units already running finish; later calls fail. */
    @Override
    void close();
}
