package io.trustgate.translators.redis.sql;

import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.command.keyspace.WatchSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.trustgate.translators.redis.sql.SqlEngineContract.b;
import static io.trustgate.translators.redis.sql.SqlEngineContract.call;
import static io.trustgate.translators.redis.sql.SqlEngineContract.exec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-key locking under real contention: two engines (two "gateways") on one database, many client threads.
 * Each test ends with a total that any lost update, torn EXEC or missed WATCH would change.
 */
abstract class SqlConcurrencyTests {

    final SqlEngineContract db = contract();
    final SqlKeyspaceEngine engineOne = db.engine(Duration.ZERO);
    final SqlKeyspaceEngine engineTwo = db.engine(Duration.ZERO);
    final KeyspaceCommandExecutor one = new KeyspaceCommandExecutor("sql", engineOne);
    final KeyspaceCommandExecutor two = new KeyspaceCommandExecutor("sql", engineTwo);
    private final ExecutorService clients = Executors.newFixedThreadPool(16);

    abstract SqlEngineContract contract();

    @AfterEach
    void drop() {
        clients.shutdownNow();
        db.dropAll();
    }

    private KeyspaceCommandExecutor gateway(int client) {
        return client % 2 == 0 ? one : two;
    }

    private void runAll(List<Callable<Void>> work) throws Exception {
        List<Future<Void>> done = new ArrayList<>();
        for (Callable<Void> w : work) {
            done.add(clients.submit(w));
        }
        for (Future<Void> f : done) {
            f.get(300, TimeUnit.SECONDS);
        }
    }

    @Test
    void incrFromSixteenThreadsOnTwoGatewaysGivesTheExactTotal() throws Exception {
        List<Callable<Void>> work = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            KeyspaceCommandExecutor g = gateway(c);
            work.add(() -> {
                for (int i = 0; i < 100; i++) {
                    assertThat(call(g, "INCR", "hot")).isInstanceOf(Long.class);
                    call(g, "INCR", "own:" + Thread.currentThread().getId()); // other keys run alongside
                }
                return null;
            });
        }
        runAll(work);
        assertThat(call(one, "GET", "hot")).isEqualTo("1600");
    }

    @Test
    void execTransfersStayAtomicWhileOthersWriteTheSameKeysInEitherOrder() throws Exception {
        call(one, "MSET", "a", "1000", "b", "1000");
        AtomicBoolean torn = new AtomicBoolean();
        AtomicInteger transfers = new AtomicInteger();
        List<Callable<Void>> work = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            KeyspaceCommandExecutor g = gateway(c);
            boolean aFirst = c % 4 < 2; // half lock a then b, half b then a: deadlocks are retried, never torn
            work.add(() -> {
                for (int i = 0; i < 25; i++) {
                    List<List<String>> cmds = aFirst
                            ? List.of(List.of("DECRBY", "a", "3"), List.of("INCRBY", "b", "3"))
                            : List.of(List.of("INCRBY", "b", "5"), List.of("DECRBY", "a", "5"));
                    List<Object> r = exec(g, null, cmds);
                    assertThat(r).hasSize(2).allMatch(x -> x instanceof Long);
                    transfers.incrementAndGet();
                }
                return null;
            });
        }
        for (int c = 0; c < 4; c++) {
            KeyspaceCommandExecutor g = gateway(c);
            work.add(() -> {
                for (int i = 0; i < 40; i++) {
                    @SuppressWarnings("unchecked")
                    List<Object> ab = (List<Object>) call(g, "MGET", "a", "b");
                    if (Long.parseLong((String) ab.get(0)) + Long.parseLong((String) ab.get(1)) != 2000) {
                        torn.set(true);
                    }
                }
                return null;
            });
        }
        runAll(work);
        assertThat(transfers.get()).isEqualTo(200);
        assertThat(torn).as("an MGET saw half a transfer").isFalse();
        // 100 transfers of 3 from a to b, 100 of 5 from a to b
        assertThat(call(one, "MGET", "a", "b")).isEqualTo(List.of("200", "1800"));
    }

    @Test
    void watchIsAbortedByAWriteFromAnotherGatewayButNotByOtherKeys() {
        call(one, "SET", "w", "1");
        WatchSnapshot watched = one.watch(0, List.of(b("w")));
        call(two, "SET", "unrelated", "x");
        assertThat(exec(one, watched, List.of(List.of("SET", "w", "2")))).isEqualTo(List.of("OK"));

        WatchSnapshot stale = one.watch(0, List.of(b("w")));
        call(two, "APPEND", "w", "!");
        assertThat(exec(one, stale, List.of(List.of("SET", "w", "mine")))).isNull();
        assertThat(call(one, "GET", "w")).isEqualTo("2!");

        WatchSnapshot absent = one.watch(0, List.of(b("fresh")));
        call(two, "HSET", "fresh", "f", "v");
        assertThat(exec(one, absent, List.of(List.of("SET", "fresh", "mine")))).isNull();
    }

    @Test
    void watchedCompareAndSetLoopsNeverLoseAnIncrement() throws Exception {
        call(one, "SET", "cas", "0");
        List<Callable<Void>> work = new ArrayList<>();
        AtomicInteger aborted = new AtomicInteger();
        for (int c = 0; c < 8; c++) {
            KeyspaceCommandExecutor g = gateway(c);
            work.add(() -> {
                for (int done = 0; done < 20; ) {
                    WatchSnapshot w = g.watch(0, List.of(b("cas")));
                    long v = Long.parseLong((String) call(g, "GET", "cas"));
                    if (exec(g, w, List.of(List.of("SET", "cas", Long.toString(v + 1)))) != null) {
                        done++;
                    } else {
                        aborted.incrementAndGet();
                    }
                }
                return null;
            });
        }
        runAll(work);
        assertThat(call(one, "GET", "cas")).isEqualTo("160"); // a missed WATCH would lose an increment
    }

    @Test
    void listPushesAndPopsFromManyThreadsKeepEveryElementOnce() throws Exception {
        List<Callable<Void>> work = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            KeyspaceCommandExecutor g = gateway(c);
            int client = c;
            work.add(() -> {
                for (int i = 0; i < 30; i++) {
                    call(g, client % 2 == 0 ? "LPUSH" : "RPUSH", "q", client + ":" + i);
                    call(g, "HSET", "h", client + ":" + i, "v");
                    call(g, "ZADD", "z", Integer.toString(i), client + ":" + i);
                }
                return null;
            });
        }
        runAll(work);
        assertThat(call(one, "LLEN", "q")).isEqualTo(240L);
        assertThat(call(two, "HLEN", "h")).isEqualTo(240L);
        assertThat(call(one, "ZCARD", "z")).isEqualTo(240L);
        @SuppressWarnings("unchecked")
        List<Object> all = (List<Object>) call(two, "LRANGE", "q", "0", "-1");
        assertThat(all).hasSize(240).doesNotHaveDuplicates();
    }

    /**
     * Reads of every shape at once, so that they are coalesced into shared statements (ReadBatcher): each must
     * answer exactly what it answers alone, including WRONGTYPE, expired and absent keys, other databases'
     * keys and multi-key reads, while a writer moves a counter that every reader must see never go back.
     */
    @Test
    void concurrentReadsCoalescedIntoBatchesAnswerAsEachAloneWould() throws Exception {
        call(one, "SET", "s", "text");
        call(one, "RPUSH", "l", "x", "y");
        call(one, "HSET", "h", "f", "v");
        call(one, "SET", "gone", "v", "PX", "5");
        call(one, "SET", "n", "0");
        db.clock.addAndGet(10);
        AtomicBoolean wrong = new AtomicBoolean();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> work = new ArrayList<>();
        work.add(() -> {
            for (int i = 0; i < 200; i++) {
                call(one, "INCR", "n");
            }
            return null;
        });
        for (int c = 0; c < 15; c++) {
            KeyspaceCommandExecutor g = gateway(c);
            work.add(() -> {
                long last = -1;
                for (int i = 0; i < 40; i++) {
                    expect(seen, call(g, "GET", "s"), "text");
                    expect(seen, call(g, "GET", "l"), "WRONGTYPE Operation against a key holding the wrong kind"
                            + " of value");
                    expect(seen, call(g, "GET", "gone"), null);
                    expect(seen, call(g, "GET", "absent:" + i), null);
                    expect(seen, call(g, "EXISTS", "h"), 1L);
                    expect(seen, call(g, "TYPE", "l"), "list");
                    expect(seen, call(g, "TTL", "s"), -1L);
                    expect(seen, call(g, "HGET", "h", "f"), "v");
                    expect(seen, call(g, "LLEN", "l"), 2L);
                    expect(seen, call(g, "MGET", "s", "gone", "h"), java.util.Arrays.asList("text", null, null));
                    expect(seen, call(g, "STRLEN", "s"), 4L);
                    long n = Long.parseLong((String) call(g, "GET", "n"));
                    if (n < last) {
                        wrong.set(true);
                    }
                    last = n;
                }
                return null;
            });
        }
        runAll(work);
        assertThat(seen).isEmpty();
        assertThat(wrong).as("a GET saw the counter go back").isFalse();
        assertThat(call(two, "GET", "n")).isEqualTo("200");
        assertThat(engineOne.coalescedReads() + engineTwo.coalescedReads())
                .as("reads were coalesced, so the batched path was exercised").isPositive();
    }

    /**
     * Hundreds of writes in flight at once, so that on PostgreSQL they share transactions (WriteGroups): every INCR of the hot
     * key must answer a different value, together exactly 1..N (a lost or doubled update, or a reply sent for a
     * write that was rolled back, breaks that), an INCR on a non-number still fails alone, and LPUSH keeps
     * every element once.
     */
    @Test
    void writesInFlightTogetherShareCommitsAndStaySerializable() {
        call(one, "SET", "text", "abc");
        List<java.util.concurrent.CompletableFuture<Object>> incrs = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Object>> others = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            KeyspaceCommandExecutor g = gateway(i);
            incrs.add(async(g, "INCR", "hot"));
            others.add(async(g, "LPUSH", "list", "e" + i));
            others.add(async(g, "SET", "k" + (i % 37), "v" + i));
            if (i % 50 == 0) {
                others.add(async(g, "INCR", "text"));
            }
        }
        java.util.Set<Object> values = new java.util.HashSet<>();
        for (var f : incrs) {
            values.add(f.join());
        }
        for (var f : others) {
            assertThat(f.join()).isNotNull();
        }
        java.util.Set<Object> expected = new java.util.HashSet<>();
        for (long v = 1; v <= 300; v++) {
            expected.add(v);
        }
        assertThat(values).isEqualTo(expected);
        assertThat(call(two, "GET", "hot")).isEqualTo("300");
        assertThat(call(two, "GET", "text")).isEqualTo("abc");
        assertThat(call(one, "LLEN", "list")).isEqualTo(300L);
        @SuppressWarnings("unchecked")
        List<Object> all = (List<Object>) call(two, "LRANGE", "list", "0", "-1");
        assertThat(all).hasSize(300).doesNotHaveDuplicates();
        long grouped = engineOne.groupedWrites() + engineTwo.groupedWrites();
        if (db.kind == SqlKeyspaceEngine.Kind.POSTGRES) {
            assertThat(grouped).as("writes were grouped, so the group path was exercised").isPositive();
        } else {
            assertThat(grouped).as("MariaDB commits each unit alone").isZero();
        }
    }

    @Test
    void collectionWritesInFlightTogetherOnHotKeysAnswerAsOneAtATime() {
        int n = 240;
        int distinct = 20;
        java.util.Map<String, List<java.util.concurrent.CompletableFuture<Object>>> replies = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            KeyspaceCommandExecutor g = gateway(i);
            String name = String.valueOf(i % distinct);
            replies.computeIfAbsent("HSET", k -> new ArrayList<>()).add(async(g, "HSET", "h", "f" + name, "v" + i));
            replies.computeIfAbsent("HINCRBY", k -> new ArrayList<>()).add(async(g, "HINCRBY", "h", "count", "1"));
            replies.computeIfAbsent("ZADD", k -> new ArrayList<>()).add(async(g, "ZADD", "z", name, "m" + name));
            replies.computeIfAbsent("ZINCR", k -> new ArrayList<>()).add(async(g, "ZADD", "z", "INCR", "1", "c"));
            replies.computeIfAbsent("SADD", k -> new ArrayList<>()).add(async(g, "SADD", "s", "m" + name, "x" + i));
            replies.computeIfAbsent("LPUSH", k -> new ArrayList<>()).add(async(g, "LPUSH", "l", "e" + i));
        }
        java.util.Map<String, List<Object>> got = new java.util.TreeMap<>();
        replies.forEach((k, fs) -> got.put(k, fs.stream().map(java.util.concurrent.CompletableFuture::join).toList()));
        // each name is new exactly once, whichever order the writes took
        assertThat(got.get("HSET").stream().mapToLong(o -> (Long) o).sum()).isEqualTo(distinct);
        assertThat(got.get("ZADD").stream().mapToLong(o -> (Long) o).sum()).isEqualTo(distinct);
        assertThat(got.get("SADD").stream().mapToLong(o -> (Long) o).sum()).isEqualTo(n + distinct);
        // counters and lengths: every value from 1 to n exactly once
        java.util.Set<Object> counts = new java.util.HashSet<>();
        java.util.Set<Object> scores = new java.util.HashSet<>();
        java.util.Set<Object> lengths = new java.util.HashSet<>(got.get("LPUSH"));
        got.get("HINCRBY").forEach(counts::add);
        got.get("ZINCR").forEach(o -> scores.add(Double.valueOf(o.toString()).longValue()));
        java.util.Set<Object> oneToN = new java.util.HashSet<>();
        for (long v = 1; v <= n; v++) {
            oneToN.add(v);
        }
        assertThat(counts).isEqualTo(oneToN);
        assertThat(scores).isEqualTo(oneToN);
        assertThat(lengths).isEqualTo(oneToN);
        assertThat(call(one, "HLEN", "h")).isEqualTo((long) distinct + 1);
        assertThat(call(two, "ZCARD", "z")).isEqualTo((long) distinct + 1);
        assertThat(call(one, "SCARD", "s")).isEqualTo((long) n + distinct);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) call(two, "LRANGE", "l", "0", "-1");
        assertThat(list).hasSize(n).doesNotHaveDuplicates();
    }

    /** Sends one command without waiting; the reply as {@link SqlEngineContract#call} gives it. */
    private static java.util.concurrent.CompletableFuture<Object> async(KeyspaceCommandExecutor g, String... args) {
        io.trustgate.redis.codec.RespRequest request = io.trustgate.redis.codec.RespRequest.of(
                io.netty.buffer.ByteBufAllocator.DEFAULT, args);
        return g.execute(0, request).toCompletableFuture().handle((reply, e) -> {
            request.release();
            if (e != null) {
                throw new java.util.concurrent.CompletionException(e);
            }
            try {
                return SqlEngineContract.value(reply);
            } finally {
                io.netty.util.ReferenceCountUtil.release(reply);
            }
        });
    }

    private static void expect(List<String> seen, Object got, Object want) {
        if (!java.util.Objects.equals(got, want)) {
            seen.add("got " + got + ", want " + want);
        }
    }
}
