package io.trustgate.translators.redis.sql;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.command.keyspace.WatchSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.trustgate.translators.redis.sql.SqlEngineContract.call;
import static org.assertj.core.api.Assertions.assertThat;

/** Redis commands (protocol-redis's executor) on a real database; subclasses pick which. */
@SuppressWarnings("unchecked")
abstract class SqlCommandsTests extends SqlCommandFixture {

    @Test
    void stringsCountersAndTtl() {
        assertThat(redis("SET", "user:1", "alice")).isEqualTo("OK");
        assertThat(redis("GET", "user:1")).isEqualTo("alice");
        assertThat(redis("INCR", "n")).isEqualTo(1L);
        assertThat(redis("INCRBY", "n", "41")).isEqualTo(42L);
        assertThat(redis("INCR", "user:1")).asString().startsWith("ERR value is not an integer");
        assertThat(redis("EXPIRE", "n", "10")).isEqualTo(1L);
        assertThat(redis("TTL", "n")).isEqualTo(10L);
        db.clock.addAndGet(10_001);
        assertThat(redis("GET", "n")).isNull();
        assertThat(redis("TTL", "n")).isEqualTo(-2L);
        assertThat(redis("TTL", "user:1")).isEqualTo(-1L);
        assertThat(redis("HSET", "user:1", "f", "v")).asString().startsWith("WRONGTYPE");
    }

    /** SCAN ... TYPE selects by kind in the page's statement: a full iteration returns exactly the keys of it. */
    @Test
    void scanWithTypeReturnsExactlyTheKeysOfThatKind() {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            redis("SET", "s" + i, "v");
            if (i % 8 == 0) {
                redis("HSET", "h" + i, "f", "v");
                hashes.add("h" + i);
            }
        }
        redis("SET", "gone", "v");
        redis("PEXPIRE", "gone", "1");
        db.clock.addAndGet(2);
        for (String type : new String[] {"hash", "HASH"}) {
            List<Object> seen = new ArrayList<>();
            String cursor = "0";
            int pages = 0;
            do {
                List<Object> page = (List<Object>) redis("SCAN", cursor, "COUNT", "3", "TYPE", type);
                cursor = (String) page.get(0);
                seen.addAll((List<Object>) page.get(1));
                pages++;
            } while (!cursor.equals("0"));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(hashes);
            assertThat(pages).isLessThanOrEqualTo(3); // pages of 3 hashes each, not of 3 keys of any kind
        }
        List<Object> unknown = (List<Object>) redis("SCAN", "0", "COUNT", "1000", "TYPE", "stream");
        assertThat(unknown).isEqualTo(List.of("0", List.of()));
        List<Object> matched = (List<Object>) redis("SCAN", "0", "COUNT", "1000", "TYPE", "string", "MATCH", "s1*");
        assertThat((List<Object>) matched.get(1)).hasSize(11);
    }

    /**
     * HSCAN/SSCAN/ZSCAN: a full iteration returns every element that stays for all of it, while others come and
     * go between the steps; both databases page in hash order (decimal cursors below 2^62).
     */
    @Test
    void collectionScansReturnEveryStableElementWhileOthersComeAndGo() {
        for (String[] kind : new String[][] {{"HSCAN", "HSET", "HDEL"}, {"SSCAN", "SADD", "SREM"},
                {"ZSCAN", "ZADD", "ZREM"}}) {
            String key = kind[0].toLowerCase();
            List<String> stable = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                add(kind, key, "m" + i);
                stable.add("m" + i);
            }
            for (int i = 0; i < 100; i++) {
                add(kind, key, "doomed" + i);
            }
            java.util.Set<Object> seen = new java.util.HashSet<>();
            String cursor = "0";
            int steps = 0;
            do {
                List<Object> page = (List<Object>) redis(kind[0], key, cursor, "COUNT", "150", "MATCH", "*");
                cursor = (String) page.get(0);
                assertThat(Long.parseLong(cursor)).isBetween(0L, 1L << 62);
                List<Object> elements = (List<Object>) page.get(1);
                for (int i = 0; i < elements.size(); i += kind[0].equals("SSCAN") ? 1 : 2) {
                    seen.add(elements.get(i));
                }
                redis(kind[2], key, "doomed" + steps); // elements come and go between the steps
                add(kind, key, "new" + steps);
                steps++;
            } while (!cursor.equals("0"));
            assertThat(seen).as(kind[0]).containsAll(stable);
            assertThat(steps).as(kind[0] + " steps over 700 elements at COUNT 150").isBetween(5, 12);
            List<Object> small = (List<Object>) redis(kind[0], "small" + key, "0");
            assertThat(small).isEqualTo(List.of("0", List.of()));
            add(kind, "small" + key, "a");
            assertThat(((List<Object>) redis(kind[0], "small" + key, "0", "COUNT", "1")).get(0)).isEqualTo("0");
            assertThat(((List<Object>) redis(kind[0], key, "18446744073709551615")).get(0)).isEqualTo("0");
        }
    }

    private void add(String[] kind, String key, String element) {
        switch (kind[1]) {
            case "HSET" -> redis("HSET", key, element, "v");
            case "SADD" -> redis("SADD", key, element);
            default -> redis("ZADD", key, "1", element);
        }
    }

    @Test
    void hashesListsSetsAndSortedSets() {
        assertThat(redis("HSET", "h", "a", "1", "b", "2")).isEqualTo(2L);
        assertThat(redis("HSET", "h", "a", "3")).isEqualTo(0L);
        assertThat((List<Object>) redis("HGETALL", "h")).hasSize(4).contains("a", "3", "b", "2");
        assertThat(redis("RPUSH", "l", "x", "y", "z")).isEqualTo(3L);
        assertThat(redis("LPUSH", "l", "w")).isEqualTo(4L);
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("w", "x", "y", "z"));
        assertThat(redis("LPOP", "l")).isEqualTo("w");
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("x", "y", "z"));
        assertThat(redis("SADD", "s", "m1", "m2", "m1")).isEqualTo(2L);
        assertThat((List<Object>) redis("SMEMBERS", "s")).containsExactlyInAnyOrder("m1", "m2");
        assertThat(redis("ZADD", "z", "2", "two", "1", "one", "+inf", "top")).isEqualTo(3L);
        assertThat(redis("ZRANGE", "z", "0", "-1", "WITHSCORES"))
                .isEqualTo(List.of("one", "1", "two", "2", "top", "inf"));
        assertThat(redis("TYPE", "z")).isEqualTo("zset");
        assertThat(redis("DBSIZE")).isEqualTo(4L);
    }

    @Test
    void concurrentIncrementsThroughExecuteAreNeverLost() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            done.add(clients.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    assertThat(redis("INCR", "counter")).isInstanceOf(Long.class);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(redis("GET", "counter")).isEqualTo("1600");
    }

    @Test
    void execIsAtomicAgainstOtherClients() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            done.add(clients.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    List<Object> replies = exec(null, List.of("INCR", "a"), List.of("INCR", "b"),
                            List.of("GET", "a"), List.of("GET", "b"));
                    assertThat(replies.get(2)).isEqualTo(replies.get(3)); // nobody interleaved
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(redis("MGET", "a", "b")).isEqualTo(List.of("100", "100"));
    }

    @Test
    void watchAbortsExecWhenAnotherClientWrote() {
        redis("SET", "w", "1");
        WatchSnapshot snapshot = redis.watch(0, List.of(SqlEngineContract.b("w")));
        assertThat(exec(snapshot, List.of("SET", "w", "mine"))).isEqualTo(List.of("OK"));
        WatchSnapshot stale = redis.watch(0, List.of(SqlEngineContract.b("w")));
        redis("SET", "w", "theirs");
        assertThat(exec(stale, List.of("SET", "w", "mine"))).isNull();
        assertThat(redis("GET", "w")).isEqualTo("theirs");
    }

    @Test
    void keysAreReadableWithPlainSql() {
        redis("SET", "user:1", "alice");
        redis("HSET", "user:2", "name", "bob");
        Tables t = Tables.withPrefix(db.prefix);
        String value = db.jdbi().withHandle(h -> h.createQuery("SELECT s.value FROM " + t.strings() + " s JOIN "
                        + t.keys() + " k ON k.id = s.key_id WHERE k.db = 0 AND k.name = :name")
                .bind("name", SqlEngineContract.b("user:1")).mapTo(byte[].class).map(String::new).one());
        assertThat(value).isEqualTo("alice");
        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery("SELECT key_text, type,"
                + " field_text, value_text FROM " + t.readable() + " ORDER BY key_text").mapToMap().list());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("key_text", "user:1").containsEntry("value_text", "alice")
                .containsEntry("type", "string");
        assertThat(rows.get(1)).containsEntry("key_text", "user:2").containsEntry("field_text", "name")
                .containsEntry("value_text", "bob");
    }

    @Test
    void twoGatewaysOnOneDatabaseSeeEachOthersWrites() throws Exception {
        KeyspaceCommandExecutor other = new KeyspaceCommandExecutor("sql", db.engine(Duration.ZERO));
        call(redis, "SET", "shared", "from-1");
        assertThat(call(other, "GET", "shared")).isEqualTo("from-1");
        call(other, "RPUSH", "q", "a", "b");
        assertThat(call(redis, "LRANGE", "q", "0", "-1")).isEqualTo(List.of("a", "b"));

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (KeyspaceCommandExecutor gateway : List.of(redis, other, redis, other)) {
            done.add(clients.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    call(gateway, "INCR", "both");
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(call(other, "GET", "both")).isEqualTo("400");
    }

    /** Runs MULTI ... EXEC; null when WATCH aborted it. */
    @SafeVarargs
    private List<Object> exec(WatchSnapshot watched, List<String>... commands) {
        List<RespRequest> queued = new ArrayList<>();
        for (List<String> c : commands) {
            queued.add(RespRequest.of(ByteBufAllocator.DEFAULT, c.toArray(new String[0])));
        }
        try {
            List<RedisMessage> replies = redis.execAtomically(0, queued, watched).toCompletableFuture().join();
            if (replies == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (RedisMessage m : replies) {
                out.add(SqlEngineContract.value(m));
                ReferenceCountUtil.release(m);
            }
            return out;
        } finally {
            queued.forEach(RespRequest::release);
        }
    }
}
