package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

import java.util.Objects;

/**
 * A RESP3 blob error ({@code !<len>\r\n<text>}): an error whose text may hold any bytes, line breaks included,
 * starting with its code like a simple error ({@code SYNTAX invalid syntax}). A RESP2 connection gets a simple
 * error ({@code -}) with each CR and LF replaced by a space, since a simple error is one line.
 */
public final class BlobErrorRedisMessage implements RedisMessage {

    private final String message;

    /** @param message the code, a space, then the text; written as UTF-8 */
    public BlobErrorRedisMessage(String message) {
        this.message = Objects.requireNonNull(message, "message");
    }

    public String message() {
        return message;
    }

    /** The message on one line, as a RESP2 simple error carries it. */
    public String singleLine() {
        return message.replace('\r', ' ').replace('\n', ' ');
    }

    @Override
    public String toString() {
        return "BlobErrorRedisMessage[" + message + "]";
    }
}
