package io.trustgate.compat.redis;

import io.trustgate.compat.redis.Target.Feature;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jedis, unchanged, against every target: plain {@link Jedis} (with RESP2 forced and with Jedis's default
 * protocol choice) and the pooled {@link RedisClient} (Jedis 7+'s successor of {@code JedisPooled}); a 1000-command
 * {@link Pipeline}, {@link Transaction}s, WATCH, BLPOP, SELECT, AUTH and a 10 MB value. Pub/sub and
 * {@code JedisCluster} are in {@link JedisPubSubIT}.
 */
@Timeout(120)
class JedisIT extends GatewayTest {


    static DefaultJedisClientConfig.Builder config() {
        int timeout = (int) GatewayFixture.CLIENT_TIMEOUT.toMillis();
        return DefaultJedisClientConfig.builder().connectionTimeoutMillis(5_000).socketTimeoutMillis(timeout)
                .blockingSocketTimeoutMillis(timeout);
    }

    static Jedis jedis(int port, JedisClientConfig config) {
        return new Jedis("127.0.0.1", port, config);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void plainJedisRunsStringAndKeyCommandsOnResp2AndDefaultProtocol(Target target) {
        for (JedisClientConfig config : List.of(config().resp2().build(), config().build())) {
            String p = GatewayFixture.prefix();
            try (Jedis jedis = jedis(gateway.port(target), config)) {
                assertThat(jedis.ping()).isEqualTo("PONG");
                assertThat(jedis.set(p + "k", "v")).isEqualTo("OK");
                assertThat(jedis.get(p + "k")).isEqualTo("v");
                assertThat(jedis.expire(p + "k", 100)).isEqualTo(1L);
                assertThat(jedis.ttl(p + "k")).isBetween(1L, 100L);
                assertThat(jedis.incr(p + "n")).isEqualTo(1L);
                assertThat(jedis.mset(p + "a", "A", p + "b", "B")).isEqualTo("OK");
                assertThat(jedis.mget(p + "a", p + "none", p + "b")).containsExactly("A", null, "B");
                assertThat(jedis.del(p + "k", p + "n", p + "a", p + "b")).isEqualTo(4L);
                assertThat(jedis.exists(p + "k")).isFalse();
                assertThatThrownBy(() -> jedis.sendCommand(() -> "NOSUCHCOMMAND".getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith("ERR unknown command 'NOSUCHCOMMAND'");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void pooledClientRunsCommandsAndPipelines(Target target) {
        String p = GatewayFixture.prefix();
        try (RedisClient client = RedisClient.builder().hostAndPort("127.0.0.1", gateway.port(target))
                .clientConfig(config().build()).build()) {
            assertThat(client.set(p + "k", "pooled")).isEqualTo("OK");
            assertThat(client.get(p + "k")).isEqualTo("pooled");
            try (var pipeline = client.pipelined()) {
                Response<Long> n = pipeline.incr(p + "n");
                Response<String> v = pipeline.get(p + "k");
                pipeline.sync();
                assertThat(n.get()).isEqualTo(1L);
                assertThat(v.get()).isEqualTo("pooled");
            }
            assertThat(client.del(p + "k", p + "n")).isEqualTo(2L);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void pipelineOfThousandCommandsAnswersInOrder(Target target) {
        String p = GatewayFixture.prefix();
        List<String> keys = new ArrayList<>();
        try (Jedis jedis = jedis(gateway.port(target), config().build())) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<?>> responses = new ArrayList<>();
            List<Object> expected = new ArrayList<>();
            long increments = 0;
            for (int i = 0; i < 1000; i++) {
                if (i % 2 == 0) {
                    keys.add(p + i);
                    responses.add(pipeline.set(p + i, "v" + i));
                    expected.add("OK");
                } else if (i % 4 == 1) {
                    responses.add(pipeline.get(p + (i - 1)));
                    expected.add("v" + (i - 1));
                } else {
                    responses.add(pipeline.incr(p + "n"));
                    expected.add(++increments);
                }
            }
            pipeline.sync();
            for (int i = 0; i < responses.size(); i++) {
                assertThat(responses.get(i).get()).as("reply %d", i).isEqualTo(expected.get(i));
            }
            assertThat(jedis.get(p + "n")).isEqualTo(Long.toString(increments));
        } finally {
            keys.add(p + "n");
            gateway.delete(target, 0, keys.toArray(String[]::new));
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void transactionExecutesAndWatchConflictDiscardsIt(Target target) {
        String k = "compat:{" + java.util.UUID.randomUUID() + "}:k";
        String n = k.replace(":k", ":n");
        try (Jedis jedis = jedis(gateway.port(target), config().build());
             Jedis other = jedis(gateway.port(target), config().build())) {
            if (!target.has(Feature.TRANSACTIONS)) {
                assertThatThrownBy(jedis::multi).isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith(target.refusalPrefix("MULTI"));
                return;
            }
            Transaction tx = jedis.multi();
            Response<String> set = tx.set(k, "1");
            Response<Long> incr = tx.incr(n);
            Response<String> get = tx.get(k);
            assertThat(tx.exec()).containsExactly("OK", 1L, "1");
            assertThat(set.get()).isEqualTo("OK");
            assertThat(incr.get()).isEqualTo(1L);
            assertThat(get.get()).isEqualTo("1");

            assertThat(jedis.watch(k)).isEqualTo("OK");
            assertThat(other.set(k, "changed")).isEqualTo("OK");
            Transaction conflicted = jedis.multi();
            conflicted.set(k, "mine");
            assertThat(conflicted.exec()).isNull();
            assertThat(jedis.get(k)).isEqualTo("changed");
        } finally {
            gateway.delete(target, 0, k, n);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void blpopTimesOutOrIsServedByRpush(Target target) throws Exception {
        String list = GatewayFixture.prefix() + "list";
        try (Jedis waiter = jedis(gateway.port(target), config().build());
             Jedis pusher = jedis(gateway.port(target), config().build())) {
            if (!target.has(Feature.BLOCKING)) {
                assertThatThrownBy(() -> waiter.blpop(1, list)).isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith(target.refusalPrefix("BLPOP"));
                assertThat(waiter.ping()).isEqualTo("PONG");
                return;
            }
            assertThat(waiter.blpop(1, list)).isNull();
            var popped = java.util.concurrent.CompletableFuture.supplyAsync(() -> waiter.blpop(10, list));
            Thread.sleep(200);
            assertThat(pusher.rpush(list, "item")).isGreaterThanOrEqualTo(1L);
            assertThat(popped.get(15, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(list, "item");
        } finally {
            gateway.delete(target, 0, list);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void selectIsolatesDatabasesOrIsRefusedInClusterMode(Target target) {
        String k = GatewayFixture.prefix() + "k";
        try (Jedis jedis = jedis(gateway.port(target), config().build())) {
            if (!target.has(Feature.SELECT)) {
                assertThatThrownBy(() -> jedis.select(2)).isInstanceOf(JedisDataException.class)
                        .hasMessage("ERR SELECT is not allowed in cluster mode");
                return;
            }
            assertThat(jedis.select(2)).isEqualTo("OK");
            assertThat(jedis.set(k, "two")).isEqualTo("OK");
            assertThat(jedis.select(0)).isEqualTo("OK");
            assertThat(jedis.get(k)).isNull();
            assertThat(jedis.select(2)).isEqualTo("OK");
            assertThat(jedis.get(k)).isEqualTo("two");
        } finally {
            if (target.has(Feature.SELECT)) {
                gateway.delete(target, 2, k);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void authRejectsWrongPasswordAndAcceptsTheRightOne(Target target) {
        int port = gateway.authPort(target);
        String k = GatewayFixture.prefix() + "k";
        try (Jedis anonymous = jedis(port, config().build())) {
            assertThatThrownBy(() -> anonymous.get(k)).isInstanceOf(JedisDataException.class)
                    .hasMessageStartingWith("NOAUTH");
        }
        assertThatThrownBy(() -> {
            try (Jedis wrong = jedis(port, config().password("not-" + GatewayFixture.PASSWORD).build())) {
                wrong.ping();
            }
        }).satisfies(e -> assertThat(LettuceIT.causeMessages(e)).anyMatch(m -> m.startsWith("WRONGPASS")));
        try (Jedis right = jedis(port, config().password(GatewayFixture.PASSWORD).build())) {
            assertThat(right.set(k, "secret")).isEqualTo("OK");
            assertThat(right.get(k)).isEqualTo("secret");
            assertThat(right.del(k)).isEqualTo(1L);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void tenMegabyteValueRoundTripsByteExact(Target target) throws Exception {
        byte[] key = (GatewayFixture.prefix() + "big").getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[10 * 1024 * 1024 + 7];
        new Random(7).nextBytes(value);
        try (Jedis jedis = jedis(gateway.port(target), config().build())) {
            assertThat(jedis.set(key, value)).isEqualTo("OK");
            byte[] back = jedis.get(key);
            assertThat(back).isNotNull();
            assertThat(back.length).isEqualTo(value.length);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            assertThat(Arrays.equals(sha.digest(back), MessageDigest.getInstance("SHA-256").digest(value)))
                    .as("SHA-256 of the value read back equals the one written").isTrue();
            assertThat(jedis.del(key)).isEqualTo(1L);
        }
    }
}
