package io.trustgate.redis.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How PUBLISH, and the "key ready" signals that wake blocking pops, reach the other gateway instances that share
 * an engine's backend. The gateway itself delivers every message to its own subscribers and wakes its own
 * waiters; a transport only carries messages and signals between instances (PostgreSQL LISTEN/NOTIFY, say). The
 * default, {@link #inProcess()}, carries nothing: this process is the only instance, which is right for the
 * embedded engine.
 *
 * <p>{@link #publish} and {@link #keysReady} are called on event loops and must not block (queue the send on the
 * transport's own thread); the sink may be called on any thread. Delivery is at most once: a message sent while
 * an instance's listener is reconnecting may be lost for that instance, as a Redis subscriber loses the messages
 * published while it is disconnected; {@link Sink#resynced()} then tells the gateway to look again at whatever
 * its blocked clients wait for.
 */
public interface PubSubTransport extends AutoCloseable {

    /** Receives what other instances sent. */
    @FunctionalInterface
    interface Sink {
        /** A message another instance published. */
        void message(byte[] channel, byte[] message);

        /** Another instance wrote {@code keys} of {@code db} in a way that may serve a blocking pop. */
        default void keysReady(int db, List<byte[]> keys) {
        }

        /** The transport (re)connected and may have missed signals: every blocked client should look again. */
        default void resynced() {
        }
    }

    /** Starts handing messages of other instances to {@code sink}; called once, before any publish. */
    void start(Sink sink);

    /** Sends a message this instance published to the other instances (never back to this one). */
    void publish(byte[] channel, byte[] message);

    /**
     * Tells the other instances that a write of this one to {@code keys} of {@code db} committed and may serve a
     * client blocked there. The default sends nothing.
     */
    default void keysReady(int db, List<byte[]> keys) {
    }

    /**
     * Completes once this instance receives what others send from now on (its listener is up). A client that
     * parks looks at its keys once more after this, so a push that another instance committed before the
     * listener was up is not missed. Complete at once by default.
     */
    default CompletionStage<Void> listening() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    void close();

    /** A transport for a single instance: nothing to carry. */
    static PubSubTransport inProcess() {
        return new PubSubTransport() {
            @Override
            public void start(Sink sink) {
            }

            @Override
            public void publish(byte[] channel, byte[] message) {
            }

            @Override
            public void close() {
            }
        };
    }
}
