package io.trustgate.bench.s3;

import java.util.Arrays;
import java.util.List;

/** One client's request latencies in nanoseconds; confined to the thread that runs that client. */
final class Samples {

    private long[] nanos = new long[1024];
    private int count;

    void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    /** All clients' latencies, sorted ascending. */
    static long[] sortedUnion(List<Samples> clients) {
        return clients.stream().flatMapToLong(s -> Arrays.stream(s.nanos, 0, s.count)).sorted().toArray();
    }
}
