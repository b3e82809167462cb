package io.trustgate.bench.s3;

import java.util.Locale;

/**
 * One timed run of one workload, and its {@code RESULT} line: {@code RESULT <label> <workload> <requests>
 * <seconds> <req/s> <MB/s> <p50 ms> <p99 ms> <errors> <retries> <client us/req> <server us/req> <backend us/req>}
 * (CPU microseconds per completed request of this generator, of the target and of the process behind it; -1
 * where not measured).
 */
record Result(long requests, double seconds, long bytes, double p50Ms, double p99Ms, long errors, long retries,
              double clientUs, double serverUs, double backendUs) {

    String line(String label, String workload) {
        return String.format(Locale.ROOT, "RESULT %s %s %d %.2f %.1f %.2f %.3f %.3f %d %d %.1f %.1f %.1f", label,
                workload, requests, seconds, requests / seconds, bytes / seconds / 1e6, p50Ms, p99Ms, errors, retries,
                clientUs, serverUs, backendUs);
    }

    /** Builds a result from sorted latencies (ns) and CPU samples taken around the run. */
    static Result of(long[] sortedNanos, double seconds, int size, long errors, long retries, long[] cpuBefore,
                     long[] cpuAfter) {
        long ok = sortedNanos.length;
        return new Result(ok, seconds, ok * (long) size, percentile(sortedNanos, 0.50), percentile(sortedNanos, 0.99),
                errors, retries, CpuMeter.microsPerRequest(cpuBefore, cpuAfter, 0, ok),
                CpuMeter.microsPerRequest(cpuBefore, cpuAfter, 1, ok),
                CpuMeter.microsPerRequest(cpuBefore, cpuAfter, 2, ok));
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
