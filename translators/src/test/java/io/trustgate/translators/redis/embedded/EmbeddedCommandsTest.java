package io.trustgate.translators.redis.embedded;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.keyspace.CommandSupport;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.command.keyspace.WatchSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis semantics of protocol-redis running on the in-memory engine, from several threads at once. */
class EmbeddedCommandsTest {

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final InMemoryKeyspaceEngine engine = new InMemoryKeyspaceEngine(16, clock::get, Duration.ZERO);
    private final KeyspaceCommandExecutor redis = new KeyspaceCommandExecutor("embedded", engine);

    @AfterEach
    void close() {
        engine.close();
    }

    /** Runs one command on db 0 and returns the released reply as text, integer or list of texts. */
    private Object call(String... args) {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            RedisMessage reply = redis.execute(0, request).toCompletableFuture().join();
            try {
                return value(reply);
            } finally {
                ReferenceCountUtil.release(reply);
            }
        } finally {
            request.release();
        }
    }

    private static Object value(RedisMessage m) {
        if (m instanceof IntegerRedisMessage) {
            return ((IntegerRedisMessage) m).value();
        }
        if (m instanceof FullBulkStringRedisMessage) {
            FullBulkStringRedisMessage b = (FullBulkStringRedisMessage) m;
            return b.isNull() ? null : b.content().toString(StandardCharsets.UTF_8);
        }
        if (m instanceof ArrayRedisMessage) {
            List<Object> out = new ArrayList<>();
            ((ArrayRedisMessage) m).children().forEach(c -> out.add(value(c)));
            return out;
        }
        return m.toString();
    }

    @Test
    void stringsAndExpiryWorkEndToEnd() {
        call("SET", "k", "v", "PX", "50");
        assertThat(call("GET", "k")).isEqualTo("v");
        clock.addAndGet(51);
        assertThat(call("GET", "k")).isNull();
        assertThat(call("INCRBYFLOAT", "f", "0.1")).isEqualTo("0.1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scanThroughCommandsVisitsEveryKey() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            call("SET", "key:" + i, "v");
            expected.add("key:" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            List<Object> page = (List<Object>) call("SCAN", cursor, "COUNT", "100");
            cursor = (String) page.get(0);
            ((List<Object>) page.get(1)).forEach(k -> seen.add((String) k));
        } while (!cursor.equals("0"));
        assertThat(seen).hasSameSizeAs(expected);
        seen.removeAll(expected);
        assertThat(seen).isEmpty();
    }

    @Test
    void concurrentIncrementsAreNeverLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        call("INCR", "counter");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(call("GET", "counter")).isEqualTo("6000");
    }

    @Test
    void optimisticTransactionsRetryUntilTheyWin() throws Exception {
        call("SET", "balance", "0");
        byte[] key = "balance".getBytes(StandardCharsets.UTF_8);
        AtomicLong aborted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        while (true) {
                            WatchSnapshot watched = redis.watch(0, List.of(key));
                            long current = Long.parseLong((String) call("GET", "balance"));
                            RespRequest set = RespRequest.of(ByteBufAllocator.DEFAULT, "SET", "balance",
                                    Long.toString(current + 1));
                            List<RedisMessage> replies;
                            try {
                                replies = redis.execAtomically(0, List.of(set), watched).toCompletableFuture().join();
                            } finally {
                                set.release();
                            }
                            if (replies != null) {
                                replies.forEach(ReferenceCountUtil::release);
                                break;
                            }
                            aborted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(call("GET", "balance")).isEqualTo("1200");
    }

    @Test
    void capabilityTableMatchesTheEngine() {
        assertThat(redis.support("LPUSH")).isEqualTo(CommandSupport.NATIVE);
        assertThat(redis.support("EXEC")).isEqualTo(CommandSupport.NATIVE);
        assertThat(redis.support("HSET")).isEqualTo(CommandSupport.NATIVE);
        assertThat(redis.support("SADD")).isEqualTo(CommandSupport.NATIVE);
        assertThat(redis.support("ZADD")).isEqualTo(CommandSupport.NATIVE);
        assertThat(redis.support("XADD")).isEqualTo(CommandSupport.REFUSED);
        assertThat(call("BZPOPMAX", "z", "0")).asString()
                .contains("ERR command 'BZPOPMAX' is not supported by backend 'embedded' (no blocking operations)");
        assertThat(call("BLPOP", "l", "0")).asString()
                .contains("ERR command 'BLPOP' is not supported by backend 'embedded' (no blocking operations)");
    }
}
