package io.trustgate.redis.codec;

/**
 * Request size limits, checked against the lengths a client declares before any memory is committed for them.
 *
 * @param maxBulkLength   longest bulk string accepted (Redis' proto-max-bulk-len, default 512 MB)
 * @param maxArrayLength  most elements in one request array
 * @param maxInlineLength longest inline (telnet-style) command line, and longest length header line
 */
public record RespLimits(long maxBulkLength, int maxArrayLength, int maxInlineLength) {

    public static final RespLimits DEFAULT = new RespLimits(512L * 1024 * 1024, 1024 * 1024, 64 * 1024);

    public RespLimits {
        if (maxBulkLength < 1 || maxBulkLength > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("maxBulkLength must be between 1 and " + (Integer.MAX_VALUE - 64));
        }
        if (maxArrayLength < 1) {
            throw new IllegalArgumentException("maxArrayLength must be positive");
        }
        if (maxInlineLength < 64) {
            throw new IllegalArgumentException("maxInlineLength must be at least 64");
        }
    }
}
