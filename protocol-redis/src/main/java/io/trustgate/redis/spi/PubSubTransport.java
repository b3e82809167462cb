package io.trustgate.redis.spi;

/**
 * How PUBLISH reaches the other gateway instances that share an engine's backend. The gateway itself delivers
 * every message to its own subscribers; a transport only carries messages between instances (PostgreSQL
 * LISTEN/NOTIFY would be one). The default, {@link #inProcess()}, carries nothing: this process is the only
 * instance, which is right for the embedded engine.
 *
 * <p>{@link #publish} is called on event loops and must not block (queue the send on the engine's executor);
 * the sink may be called on any thread.
 */
public interface PubSubTransport extends AutoCloseable {

    /** Receives messages that other instances published. */
    @FunctionalInterface
    interface Sink {
        void message(byte[] channel, byte[] message);
    }

    /** Starts handing messages of other instances to {@code sink}; called once, before any publish. */
    void start(Sink sink);

    /** Sends a message this instance published to the other instances (never back to this one). */
    void publish(byte[] channel, byte[] message);

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
