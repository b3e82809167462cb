package io.trustgate.redis.session;

/**
 * Where an answer goes: a client's {@link ReplySlot}, or something in between (a cluster redirect handler, a
 * sink that drops the reply to a command the gateway sent for itself). Called on the client's event loop.
 */
public interface ReplySink {

    /** Takes ownership of {@code message}: a {@code ByteBuf} of RESP frames or a {@code RedisMessage}. */
    void complete(Object message);

    /** Answers with {@code -<error>}; {@code error} starts with its Redis error code. */
    void fail(String error);
}
