package io.trustgate.redis.pubsub;

/**
 * One client as the hub sees it. The hub calls {@link #deliver} on the publisher's thread; the implementation
 * hops to its own event loop and bounds its backlog.
 */
public interface Subscriber {

    /**
     * A message on {@code channel}; {@code pattern} is the matching pattern for a PSUBSCRIBE delivery, else null.
     * Arrays are shared between subscribers and must not be modified.
     */
    void deliver(byte[] pattern, byte[] channel, byte[] message);
}
