package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.KeyspaceEngine.Access;
import io.trustgate.redis.spi.KeyspaceTransaction;
import io.trustgate.redis.spi.ScanPage;
import io.trustgate.redis.spi.StringValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryKeyspaceEngineTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final InMemoryKeyspaceEngine engine = new InMemoryKeyspaceEngine(16, clock::get, Duration.ZERO);

    @AfterEach
    void close() {
        engine.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StringValue v(String s) {
        return new StringValue(b(s));
    }

    private <T> T run(Function<Keyspace, T> work) {
        return engine.atomically(Access.WRITE, tx -> work.apply(tx.db(0))).toCompletableFuture().join();
    }

    private Entry get(String key) {
        return run(ks -> ks.get(b(key)));
    }

    @Test
    void declaresSixteenDatabasesAndItsCapabilities() {
        assertThat(engine.databases()).isEqualTo(16);
        assertThat(engine.capabilities()).contains(io.trustgate.redis.spi.Capability.STRINGS,
                io.trustgate.redis.spi.Capability.EXPIRY, io.trustgate.redis.spi.Capability.TRANSACTIONS)
                .doesNotContain(io.trustgate.redis.spi.Capability.BLOCKING);
    }

    @Test
    void unitsCompleteInline() {
        assertThat(engine.atomically(Access.READ, tx -> 42).toCompletableFuture()).isCompletedWithValue(42);
    }

    @Test
    void putGetAndDelete() {
        run(ks -> {
            ks.put(b("k"), v("v"), Entry.NO_EXPIRY);
            return null;
        });
        Object value = run(ks -> ks.get(b("k")).value());
        assertThat(value).isEqualTo(v("v"));
        assertThat((boolean) run(ks -> ks.delete(b("k")))).isTrue();
        assertThat((boolean) run(ks -> ks.delete(b("k")))).isFalse();
        assertThat(get("k")).isNull();
    }

    @Test
    void everyWriteGivesANewStampAndReadsDoNot() {
        long first = run(ks -> {
            ks.put(b("k"), v("1"), Entry.NO_EXPIRY);
            return ks.get(b("k")).stamp();
        });
        assertThat(first).isNotEqualTo(Entry.ABSENT_STAMP);
        assertThat((long) run(ks -> ks.get(b("k")).stamp())).isEqualTo(first);
        long afterExpiry = run(ks -> {
            ks.setExpiry(b("k"), clock.get() + 1000);
            return ks.get(b("k")).stamp();
        });
        long afterRecreate = run(ks -> {
            ks.delete(b("k"));
            ks.put(b("k"), v("1"), Entry.NO_EXPIRY);
            return ks.get(b("k")).stamp();
        });
        assertThat(List.of(first, afterExpiry, afterRecreate)).doesNotHaveDuplicates();
    }

    @Test
    void keysExpireOnceTheClockIsPastTheirTime() {
        run(ks -> {
            ks.put(b("k"), v("v"), clock.get() + 100);
            return null;
        });
        clock.addAndGet(100);
        assertThat(get("k")).isNotNull();
        clock.addAndGet(1);
        assertThat(get("k")).isNull();
        assertThat((boolean) run(ks -> ks.delete(b("k")))).isFalse();
    }

    @Test
    void setExpiryOnlyTouchesLiveKeys() {
        assertThat((boolean) run(ks -> ks.setExpiry(b("nokey"), 5))).isFalse();
        run(ks -> {
            ks.put(b("k"), v("v"), clock.get() + 10);
            return null;
        });
        assertThat((boolean) run(ks -> ks.setExpiry(b("k"), Entry.NO_EXPIRY))).isTrue();
        clock.addAndGet(1000);
        boolean hasExpiry = run(ks -> ks.get(b("k")).hasExpiry());
        assertThat(hasExpiry).isFalse();
    }

    @Test
    void sweepRemovesExpiredKeysWithoutAnyRead() {
        run(ks -> {
            for (int i = 0; i < 2500; i++) {
                ks.put(b("e" + i), v("v"), clock.get() + 10);
            }
            ks.put(b("keep"), v("v"), clock.get() + 1_000_000);
            ks.put(b("forever"), v("v"), Entry.NO_EXPIRY);
            return null;
        });
        clock.addAndGet(11);
        engine.sweep();
        assertThat((long) run(Keyspace::size)).isEqualTo(2);
    }

    @Test
    void backgroundSweepRunsUntilClosed() throws Exception {
        try (InMemoryKeyspaceEngine swept = new InMemoryKeyspaceEngine(1, clock::get, Duration.ofMillis(5))) {
            swept.atomically(Access.WRITE, tx -> {
                tx.db(0).put(b("k"), v("v"), clock.get() + 10);
                return null;
            });
            clock.addAndGet(11);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long size;
            do {
                Thread.sleep(5);
                size = swept.atomically(Access.READ, tx -> tx.db(0).size()).toCompletableFuture().join();
            } while (size > 0 && System.nanoTime() < deadline);
            assertThat(size).isZero();
        }
        Thread.sleep(50);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("trustgate-embedded-expiry") && t.isAlive());
    }

    @Test
    void closedEngineRefusesUnits() {
        engine.close();
        assertThatThrownBy(() -> engine.atomically(Access.READ, tx -> 1).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("closed");
    }

    @Test
    void aFailingUnitFailsItsStageAndReleasesTheLock() {
        assertThatThrownBy(() -> engine.atomically(Access.WRITE, tx -> {
            throw new IllegalArgumentException("boom");
        }).toCompletableFuture().join()).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(engine.atomically(Access.READ, tx -> "next").toCompletableFuture().join()).isEqualTo("next");
    }

    @Test
    void aTransactionIsDeadAfterItsUnit() {
        KeyspaceTransaction leaked = engine.atomically(Access.READ, tx -> tx).toCompletableFuture().join();
        assertThatThrownBy(() -> leaked.db(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void databasesAreIndependent() {
        engine.atomically(Access.WRITE, tx -> {
            tx.db(0).put(b("k"), v("zero"), Entry.NO_EXPIRY);
            tx.db(5).put(b("k"), v("five"), Entry.NO_EXPIRY);
            tx.db(5).clear();
            return null;
        });
        assertThat(engine.atomically(Access.READ, tx -> tx.db(0).get(b("k")).value()).toCompletableFuture().join())
                .isEqualTo(v("zero"));
        assertThat(engine.atomically(Access.READ, tx -> tx.db(5).size()).toCompletableFuture().join()).isZero();
    }

    @Test
    void randomKeyReturnsOnlyLiveKeys() {
        assertThat((byte[]) run(Keyspace::randomKey)).isNull();
        run(ks -> {
            ks.put(b("dead"), v("v"), clock.get() + 1);
            ks.put(b("live"), v("v"), Entry.NO_EXPIRY);
            return null;
        });
        clock.addAndGet(2);
        for (int i = 0; i < 20; i++) {
            assertThat((byte[]) run(Keyspace::randomKey)).isEqualTo(b("live"));
        }
    }

    @Test
    void scanReturnsEveryKeyThatStaysWhileOthersComeAndGo() {
        Random random = new Random(42);
        Set<String> stable = new HashSet<>();
        run(ks -> {
            for (int i = 0; i < 3000; i++) {
                ks.put(b("stable" + i), v("v"), Entry.NO_EXPIRY);
                stable.add("stable" + i);
            }
            return null;
        });
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int churn = 0;
        do {
            long from = cursor;
            ScanPage page = run(ks -> ks.scan(from, 1 + random.nextInt(50)));
            page.keys().forEach(k -> seen.add(new String(k, StandardCharsets.UTF_8)));
            cursor = page.cursor();
            int n = churn++;
            run(ks -> {
                ks.put(b("churn" + n), v("v"), Entry.NO_EXPIRY);
                ks.delete(b("churn" + random.nextInt(n + 1)));
                return null;
            });
        } while (cursor != 0);
        Set<String> missed = new HashSet<>(stable);
        missed.removeAll(seen);
        assertThat(missed).isEmpty();
        assertThat(churn).isGreaterThan(3000 / 50);
    }

    @Test
    void scanSkipsAndRemovesExpiredKeys() {
        run(ks -> {
            ks.put(b("dead"), v("v"), clock.get() + 1);
            ks.put(b("live"), v("v"), Entry.NO_EXPIRY);
            return null;
        });
        clock.addAndGet(2);
        ScanPage page = run(ks -> ks.scan(0, 10));
        assertThat(page.cursor()).isZero();
        assertThat(page.keys()).containsExactly(b("live"));
        assertThat((long) run(Keyspace::size)).isEqualTo(1);
    }

    @Test
    void unitsExcludeEachOtherAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        engine.atomically(Access.WRITE, tx -> {
                            Keyspace ks = tx.db(0);
                            Entry a = ks.get(b("a"));
                            long n = a == null ? 0 : Long.parseLong(new String(((StringValue) a.value()).bytes(),
                                    StandardCharsets.US_ASCII));
                            ks.put(b("a"), v(Long.toString(n + 1)), Entry.NO_EXPIRY);
                            Thread.onSpinWait();
                            ks.put(b("b"), v(Long.toString(n + 1)), Entry.NO_EXPIRY);
                            return null;
                        });
                        engine.atomically(Access.READ, tx -> {
                            Entry a = tx.db(0).get(b("a"));
                            Entry bb = tx.db(0).get(b("b"));
                            assertThat(a.value()).isEqualTo(bb.value());
                            return null;
                        }).toCompletableFuture().join();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Object total = run(ks -> ks.get(b("a")).value());
        assertThat(total).isEqualTo(v("4000"));
    }
}
