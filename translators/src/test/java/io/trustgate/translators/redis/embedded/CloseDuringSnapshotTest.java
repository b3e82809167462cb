package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceEngine.Access;
import io.trustgate.redis.spi.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the engine while a size-triggered snapshot is being written. The snapshot takes the engine lock once
 * per batch, so close must stop it before taking the lock itself: holding the lock while waiting for the
 * compactor left both waiting until the compactor wait timed out (30 s), after which the compactor ran on
 * against the closed log and failed it.
 */
class CloseDuringSnapshotTest {

    private static final int KEYS = 20_000; // about 40 snapshot batches

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void closeStopsASnapshotInProgressBeforeClosingTheLog() throws Exception {
        CountDownLatch inSnapshot = new CountDownLatch(1);
        AtomicReference<Thread> compactor = new AtomicReference<>();
        AtomicBoolean closeStarted = new AtomicBoolean();
        AtomicInteger batchesAfterCloseStarted = new AtomicInteger();
        InMemoryKeyspaceEngine engine = InMemoryKeyspaceEngine.open(dir, FsyncPolicy.ALWAYS, 64 << 10,
                System::currentTimeMillis, Duration.ZERO);
        Thread closer = new Thread(engine::close, "closer");
        engine.betweenSnapshotBatches(() -> {
            if (closeStarted.get()) {
                batchesAfterCloseStarted.incrementAndGet();
            }
            if (compactor.compareAndSet(null, Thread.currentThread())) {
                inSnapshot.countDown();
                // go on with the next batch only once close() is waiting for the compactor
                while (closer.getState() != Thread.State.TIMED_WAITING && closer.getState() != Thread.State.TERMINATED) {
                    Thread.onSpinWait();
                }
            }
        });
        // one unit larger than the threshold: its commit starts a snapshot of all its keys
        engine.atomically(Access.WRITE, tx -> {
            for (int i = 0; i < KEYS; i++) {
                tx.db(0).put(b("k" + i), new StringValue(b("v" + i)), Entry.NO_EXPIRY);
            }
            return null;
        }).toCompletableFuture().join();
        assertThat(inSnapshot.await(120, TimeUnit.SECONDS)).as("a snapshot started").isTrue();
        closeStarted.set(true);
        closer.start();
        closer.join(TimeUnit.SECONDS.toMillis(120));
        assertThat(closer.isAlive()).as("close() still running").isFalse();
        compactor.get().join(TimeUnit.SECONDS.toMillis(120));
        assertThat(compactor.get().isAlive()).as("compactor thread still running").isFalse();
        // the batch the compactor was in when close began was its last
        assertThat(batchesAfterCloseStarted.get()).as("snapshot batches taken after close began").isZero();

        // everything the unit wrote is there after a restart, and the log still takes writes
        try (InMemoryKeyspaceEngine reopened = InMemoryKeyspaceEngine.open(dir, FsyncPolicy.ALWAYS, 1L << 40,
                System::currentTimeMillis, Duration.ZERO)) {
            assertThat(reopened.atomically(Access.READ, tx -> tx.db(0).size()).toCompletableFuture().join())
                    .isEqualTo((long) KEYS);
            reopened.atomically(Access.WRITE, tx -> {
                tx.db(0).put(b("after"), new StringValue(b("x")), Entry.NO_EXPIRY);
                return null;
            }).toCompletableFuture().join();
        }
    }
}
