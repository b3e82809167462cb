package io.trustgate.redis.codec;

/**
 * Emitted by {@link RespRequestDecoder} in place of a request when the client's bytes are not valid RESP.
 * The handler answers it, in order after the replies already owed, as {@code -ERR Protocol error: <reason>}
 * and then closes the connection, as Redis does. The decoder discards everything after it.
 */
public record RespProtocolError(String reason) {

    public String redisError() {
        return "ERR Protocol error: " + reason;
    }
}
