package io.trustgate.bench.s3;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this generator (the JVM's process CPU time) and of the server processes named by pid (user + system
 * time from {@code /proc/PID/stat}, in clock ticks of {@code 1/ticksPerSecond} s), read at the start and end of a
 * timed run so that each can be divided by the requests it served.
 */
final class CpuMeter {

    private final long[] serverPids;
    private final int ticksPerSecond;

    /** {@code serverPids}: the target first, then what runs behind it (S3Proxy behind a passthrough). */
    CpuMeter(long[] serverPids, int ticksPerSecond) {
        this.serverPids = serverPids;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** CPU nanoseconds so far: this process first, then each server pid in order ({@code -1} when unreadable). */
    long[] sample() {
        long[] out = new long[1 + serverPids.length];
        out[0] = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        for (int i = 0; i < serverPids.length; i++) {
            out[i + 1] = procCpuNanos(serverPids[i]);
        }
        return out;
    }

    /** Microseconds per request of process {@code index} (0 this generator, 1.. the servers) between samples. */
    static double microsPerRequest(long[] before, long[] after, int index, long requests) {
        if (index >= before.length || before[index] < 0 || after[index] < 0 || requests == 0) {
            return -1;
        }
        return (after[index] - before[index]) / 1e3 / requests;
    }

    private long procCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long[] parsePids(String list) {
        if (list.isBlank()) {
            return new long[0];
        }
        String[] parts = list.split(",");
        long[] pids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            pids[i] = Long.parseLong(parts[i].trim());
        }
        return pids;
    }
}
