package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceEngine.Access;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.StringValue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Units of a durable engine from many threads at once, with compaction started by the log's size again and
 * again meanwhile (a tiny threshold): every unit's stage must complete with that unit's own result (a lost or
 * crossed reply would leave a client waiting or answer it with another's value), and a restart must find
 * exactly what the units acknowledged.
 */
class DurableUnitsConcurrencyTest {

    private static final int THREADS = 8;
    private static final int UNITS = 1500;
    /** A liveness guard only: a unit that waits this long is lost, not slow. */
    private static final long LOST_AFTER_SECONDS = 120;

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private InMemoryKeyspaceEngine open(FsyncPolicy policy) throws Exception {
        return InMemoryKeyspaceEngine.open(dir, policy, 16 << 10, System::currentTimeMillis, Duration.ZERO);
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void everyUnitGetsItsOwnReplyWhileCompactionsRun(FsyncPolicy policy) throws Exception {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (InMemoryKeyspaceEngine engine = open(policy)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String counter = "counter-" + t;
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 1; i <= UNITS; i++) {
                            Long got = engine.atomically(Access.WRITE, tx -> {
                                Entry e = tx.db(0).get(b(counter));
                                long next = e == null ? 1 : Long.parseLong(new String(
                                        ((StringValue) e.value()).bytes(), StandardCharsets.US_ASCII)) + 1;
                                tx.db(0).put(b(counter), new StringValue(b(Long.toString(next))), Entry.NO_EXPIRY);
                                Entry l = tx.db(1).get(b("list"));
                                ListValue list = l == null ? new ListValue() : (ListValue) l.value();
                                list.addLast(b(counter + ":" + next));
                                if (l == null) {
                                    tx.db(1).put(b("list"), list, Entry.NO_EXPIRY);
                                }
                                return next;
                            }).toCompletableFuture().get(LOST_AFTER_SECONDS, TimeUnit.SECONDS);
                            if (got != i) {
                                problems.add(counter + ": unit " + i + " was answered " + got);
                            }
                            if (i % 4 == 0) {
                                int expected = i;
                                Long read = engine.atomically(Access.READ, tx -> Long.parseLong(new String(
                                        ((StringValue) tx.db(0).get(b(counter)).value()).bytes(),
                                        StandardCharsets.US_ASCII))).toCompletableFuture()
                                        .get(LOST_AFTER_SECONDS, TimeUnit.SECONDS);
                                if (read != expected) {
                                    problems.add(counter + ": read " + read + " after its write " + expected);
                                }
                            }
                        }
                    } catch (Exception | AssertionError e) {
                        problems.add(Thread.currentThread().getName() + ": " + e);
                    }
                }, "unit-" + t));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(2 * LOST_AFTER_SECONDS));
                assertThat(t.isAlive()).as("%s still waiting", t.getName()).isFalse();
            }
            // The log outgrew 16 KiB many times over, so a background compaction was started; on a loaded machine
            // it may still be writing its snapshot when the writers finish (close would abandon it), so wait for
            // it while the engine is open, bounded like the units themselves.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOST_AFTER_SECONDS);
            while (!hasSnapshot() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(hasSnapshot()).as("compaction ran (a snapshot exists)").isTrue();
        try (InMemoryKeyspaceEngine engine = open(policy)) {
            engine.atomically(Access.READ, tx -> {
                for (int t = 0; t < THREADS; t++) {
                    assertThat(new String(((StringValue) tx.db(0).get(b("counter-" + t)).value()).bytes(),
                            StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(UNITS));
                }
                ListValue list = (ListValue) tx.db(1).get(b("list")).value();
                assertThat(list.size()).isEqualTo(THREADS * UNITS);
                return null;
            }).toCompletableFuture().join();
        }
    }

    private boolean hasSnapshot() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("snapshot-"));
        }
    }
}
