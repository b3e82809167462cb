package io.trustgate.redis.route;

import io.trustgate.redis.spi.PubSubTransport;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A keyspace target's one {@link PubSubTransport} to the other gateway instances on its backend, shared by its
 * pub/sub hub (messages) and its blocking waiters (key-ready signals). The transport is asked for and started on
 * first use, so building a target (as {@code trustgate capabilities} does) connects to nothing. Thread-safe.
 */
final class InstanceLink implements AutoCloseable {

    /** What arrives from other instances besides messages. */
    interface Waiters {
        void keysReady(int db, List<byte[]> keys);

        void retryAll();
    }

    private final Supplier<PubSubTransport> factory;
    private final boolean crossInstance;
    private volatile Waiters waiters;
    private volatile PubSubTransport.Sink messages = (channel, message) -> { };
    private volatile PubSubTransport transport;
    private boolean closed;

    /** {@code crossInstance}: whether the engine declares fan-out; without it key signals are not even built. */
    InstanceLink(Supplier<PubSubTransport> factory, boolean crossInstance) {
        this.factory = factory;
        this.crossInstance = crossInstance;
    }

    void waiters(Waiters waiters) {
        this.waiters = waiters;
    }

    /** True when writes should report the keys they may have fed to other instances. */
    boolean crossInstance() {
        return crossInstance;
    }

    /** The started transport. */
    PubSubTransport transport() {
        PubSubTransport t = transport;
        if (t == null) {
            synchronized (this) {
                t = transport;
                if (t == null) {
                    if (closed) {
                        return PubSubTransport.inProcess();
                    }
                    t = factory.get();
                    t.start(new PubSubTransport.Sink() {
                        @Override
                        public void message(byte[] channel, byte[] message) {
                            messages.message(channel, message);
                        }

                        @Override
                        public void keysReady(int db, List<byte[]> keys) {
                            Waiters w = waiters;
                            if (w != null) {
                                w.keysReady(db, keys);
                            }
                        }

                        @Override
                        public void resynced() {
                            Waiters w = waiters;
                            if (w != null) {
                                w.retryAll();
                            }
                        }
                    });
                    transport = t;
                }
            }
        }
        return t;
    }

    /** Completes once signals of other instances reach this one (starts the transport). */
    CompletionStage<Void> listening() {
        return transport().listening();
    }

    /** Tells other instances that {@code keys} of {@code db} were written; nothing for a single instance. */
    void keysReady(int db, List<byte[]> keys) {
        if (crossInstance && !keys.isEmpty()) {
            transport().keysReady(db, keys);
        }
    }

    /** The view the pub/sub hub starts and publishes through; closing it leaves the link open. */
    PubSubTransport forHub() {
        return new PubSubTransport() {
            @Override
            public void start(Sink sink) {
                messages = sink;
                transport();
            }

            @Override
            public void publish(byte[] channel, byte[] message) {
                transport().publish(channel, message);
            }

            @Override
            public CompletionStage<Void> listening() {
                return InstanceLink.this.listening();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        PubSubTransport t;
        synchronized (this) {
            closed = true;
            t = transport;
        }
        if (t != null) {
            t.close();
        }
    }
}
