package io.trustgate.redis.codec;

/**
 * The RESP version a client connection speaks. Besides naming it, each constant is a message: written to a
 * client channel (in reply order, through the same path as replies), it tells that channel's
 * {@link RespEncoder} to encode every later reply in this version, and writes no bytes itself. Redis switches
 * a connection the same way: HELLO and RESET change the version before their own reply is written.
 */
public enum RespVersion {
    RESP2(2),
    RESP3(3);

    private final int number;

    RespVersion(int number) {
        this.number = number;
    }

    /** 2 or 3, as HELLO and CLIENT INFO spell it. */
    public int number() {
        return number;
    }
}
