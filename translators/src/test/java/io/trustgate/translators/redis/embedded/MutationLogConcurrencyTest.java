package io.trustgate.translators.redis.embedded;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queued-frame writer under contention: many threads queue frames under one "engine" lock and then, outside
 * it, wait for their own write and durability, as {@link InMemoryKeyspaceEngine#atomically} does, while
 * read-only units and log rotations (compaction) interleave. Every unit's wait must end (a lost wake-up, e.g. a
 * writer that drained the queue and left while a frame was queued behind its drain, would leave one waiting
 * forever), every write must be on the OS when its wait ends, and the files must hold every frame once, in
 * queue order.
 */
class MutationLogConcurrencyTest {

    private static final int THREADS = 8;
    private static final int UNITS = 3000;
    private static final int RECORD = 12;
    /** A liveness guard only: a unit that waits this long is lost, not slow. */
    private static final long LOST_AFTER_SECONDS = 120;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void everyWaiterIsReleasedAndEveryFrameWrittenOnceInQueueOrder(FsyncPolicy policy) throws Exception {
        ReentrantLock engineLock = new ReentrantLock();
        List<Long> queueOrder = new ArrayList<>(); // guarded by engineLock: what each append queued, in order
        List<Path> files = new ArrayList<>(); // guarded by engineLock
        files.add(dir.resolve("log-1.aof"));
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        try (MutationLog log = new MutationLog(files.get(0), 0, policy)) {
            List<Thread> units = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                units.add(new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < UNITS; i++) {
                            boolean reads = ThreadLocalRandom.current().nextInt(5) == 0;
                            long lsn;
                            long end;
                            Path file;
                            long record = ((long) thread << 32) | i;
                            engineLock.lock();
                            try {
                                if (reads) {
                                    lsn = log.appended();
                                } else {
                                    byte[] frame = ByteBuffer.allocate(RECORD).putInt(0x7e57f00d).putLong(record)
                                            .array();
                                    lsn = log.append(frame, frame.length);
                                    queueOrder.add(record);
                                }
                                file = files.get(files.size() - 1);
                                end = log.fileSize();
                            } finally {
                                engineLock.unlock();
                            }
                            log.write(lsn);
                            CompletableFuture<Void> durable = log.durable(lsn).toCompletableFuture();
                            durable.get(LOST_AFTER_SECONDS, TimeUnit.SECONDS);
                            // rotation writes what is queued into the old file before switching files
                            long size = Files.size(file);
                            if (size < end) {
                                problems.add(file.getFileName() + " holds " + size + " bytes, but a unit waiting"
                                        + " for its first " + end + " was released");
                            }
                        }
                    } catch (Exception | AssertionError e) {
                        problems.add("unit thread " + thread + ": " + e);
                    }
                }, "unit-" + t));
            }
            Thread compactor = new Thread(() -> {
                try {
                    start.await();
                    for (int gen = 2; !stop.get(); gen++) {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 20));
                        engineLock.lock();
                        try {
                            Path next = dir.resolve("log-" + gen + ".aof");
                            log.rotate(next);
                            files.add(next);
                        } finally {
                            engineLock.unlock();
                        }
                    }
                } catch (Exception e) {
                    problems.add("compactor: " + e);
                }
            }, "compactor");
            units.forEach(Thread::start);
            compactor.start();
            start.countDown();
            for (Thread u : units) {
                u.join(TimeUnit.SECONDS.toMillis(2 * LOST_AFTER_SECONDS));
                assertThat(u.isAlive()).as("%s still waiting", u.getName()).isFalse();
            }
            stop.set(true);
            compactor.join();
            log.syncAll();
        }
        assertThat(problems).isEmpty();
        List<Long> onDisk = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(new String(bytes, 0, MutationLog.MAGIC.length, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("TGLOG001");
            assertThat((bytes.length - MutationLog.MAGIC.length) % RECORD).isZero();
            ByteBuffer in = ByteBuffer.wrap(bytes, MutationLog.MAGIC.length, bytes.length - MutationLog.MAGIC.length);
            while (in.hasRemaining()) {
                assertThat(in.getInt()).isEqualTo(0x7e57f00d);
                onDisk.add(in.getLong());
            }
        }
        assertThat(files.size()).isGreaterThan(1);
        assertThat(onDisk).hasSize(queueOrder.size()).isEqualTo(queueOrder);
    }
}
