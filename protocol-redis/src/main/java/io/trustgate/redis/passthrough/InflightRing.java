package io.trustgate.redis.passthrough;

import io.trustgate.redis.session.ReplySink;

/**
 * The replies a connection still owes, oldest first, with the time each request was sent. A growable ring of
 * two parallel arrays, so queuing a request allocates nothing.
 */
final class InflightRing {

    /** Marks a request that may legitimately wait forever (blocking commands); never timed out. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private ReplySink[] sinks = new ReplySink[64];
    private long[] deadlines = new long[64];
    private int head;
    private int size;

    void add(ReplySink sink, long deadline) {
        if (size == sinks.length) {
            grow();
        }
        int at = (head + size) & (sinks.length - 1);
        sinks[at] = sink;
        deadlines[at] = deadline;
        size++;
    }

    /** Removes and returns the oldest, or null when empty. */
    ReplySink poll() {
        if (size == 0) {
            return null;
        }
        ReplySink sink = sinks[head];
        sinks[head] = null;
        head = (head + 1) & (sinks.length - 1);
        size--;
        return sink;
    }

    /** The deadline of the oldest, or {@link #NO_DEADLINE} when empty. */
    long headDeadline() {
        return size == 0 ? NO_DEADLINE : deadlines[head];
    }

    int size() {
        return size;
    }

    private void grow() {
        ReplySink[] s = new ReplySink[sinks.length * 2];
        long[] d = new long[sinks.length * 2];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (sinks.length - 1);
            s[i] = sinks[from];
            d[i] = deadlines[from];
        }
        sinks = s;
        deadlines = d;
        head = 0;
    }
}
