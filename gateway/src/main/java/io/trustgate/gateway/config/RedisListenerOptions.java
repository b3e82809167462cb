package io.trustgate.gateway.config;

/**
 * Options of a Redis listener (YAML {@code listeners[].redis}).
 *
 * @param password        like {@code requirepass}: when non-null, clients must AUTH before anything else
 * @param maxBulkLength   largest bulk string a client may send, in bytes ({@code proto-max-bulk-len})
 * @param maxArrayLength  most elements in one request array
 * @param maxInlineLength longest inline (telnet-style) request line, in bytes
 */
public record RedisListenerOptions(String password, long maxBulkLength, int maxArrayLength, int maxInlineLength) {

    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_ARRAY_LENGTH = 1024 * 1024;
    public static final int DEFAULT_MAX_INLINE_LENGTH = 64 * 1024;

    /** No password and the default limits. */
    public static final RedisListenerOptions DEFAULTS = new RedisListenerOptions(
            null, DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_ARRAY_LENGTH, DEFAULT_MAX_INLINE_LENGTH);

    @Override
    public String toString() {
        return "RedisListenerOptions[password=" + (password == null ? "none" : "***")
                + ", maxBulkLength=" + maxBulkLength + ", maxArrayLength=" + maxArrayLength
                + ", maxInlineLength=" + maxInlineLength + "]";
    }
}
