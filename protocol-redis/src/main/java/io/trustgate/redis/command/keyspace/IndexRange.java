package io.trustgate.redis.command.keyspace;

/**
 * An inclusive range of positions in a sequence (a list, or a sorted set by rank), after Redis's clamping in
 * LRANGE, LTRIM and ZRANGE: negative indexes count from the end, start is raised to 0 and end lowered to the last
 * position.
 */
record IndexRange(long start, long end) {

    /** The positions {@code start..end} of a sequence of {@code length} elements, or null when none is selected. */
    static IndexRange clamp(long start, long end, long length) {
        if (start < 0) {
            start += length;
        }
        if (end < 0) {
            end += length;
        }
        start = Math.max(start, 0);
        if (start > end || start >= length) {
            return null;
        }
        return new IndexRange(start, Math.min(end, length - 1));
    }

    /** Whether this range is the whole sequence of {@code length} elements. */
    boolean covers(long length) {
        return start == 0 && end == length - 1;
    }
}
