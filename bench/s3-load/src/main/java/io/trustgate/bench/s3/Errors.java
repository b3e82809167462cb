package io.trustgate.bench.s3;

import java.util.concurrent.atomic.AtomicLong;

/** Failed requests of one run: all counted, the first few printed to stderr with their reason. */
final class Errors {

    private static final int PRINTED = 5;
    private final String workload;
    private final AtomicLong count = new AtomicLong();

    Errors(String workload) {
        this.workload = workload;
    }

    void record(String reason) {
        if (count.getAndIncrement() < PRINTED) {
            System.err.println("error in " + workload + ": " + reason);
        }
    }

    long count() {
        return count.get();
    }
}
