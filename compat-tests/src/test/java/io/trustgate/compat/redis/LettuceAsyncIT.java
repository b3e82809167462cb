package io.trustgate.compat.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.trustgate.compat.redis.GatewayFixture.Resp;
import io.trustgate.compat.redis.Target.Feature;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lettuce's asynchronous and stateful features against every target: a 1000-command pipeline, pub/sub,
 * MULTI/EXEC, WATCH conflicts and BLPOP. Where a target lacks a feature, the refusal is asserted instead.
 */
@Timeout(120)
class LettuceAsyncIT extends GatewayTest {

    private static final Duration NO_HANG = Duration.ofSeconds(10);

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> targetsAndProtocols() {
        return LettuceIT.targetsAndProtocols();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void thousandPipelinedCommandsCompleteInOrderWithTheRightValues(Target target, Resp resp) throws Exception {
        String p = GatewayFixture.prefix();
        String counter = p + "counter";
        List<String> keys = new ArrayList<>();
        try (StatefulRedisConnection<String, String> conn = gateway.lettuce(target, resp).connect()) {
            RedisAsyncCommands<String, String> async = conn.async();
            conn.setAutoFlushCommands(false);
            List<RedisFuture<?>> futures = new ArrayList<>();
            List<Object> expected = new ArrayList<>();
            long increments = 0;
            for (int i = 0; i < 1000; i++) {
                switch (i % 4) {
                    case 0 -> {
                        keys.add(p + i);
                        futures.add(async.set(p + i, "v" + i));
                        expected.add("OK");
                    }
                    case 1 -> {
                        futures.add(async.get(p + (i - 1)));
                        expected.add("v" + (i - 1));
                    }
                    default -> {
                        futures.add(async.incr(counter));
                        expected.add(++increments);
                    }
                }
            }
            // Completion order is recorded by callbacks on Lettuce's event loop. Nothing here calls get() before
            // the latch opens: a thread waiting in get() may run a dependent callback itself, out of order.
            List<Integer> completionOrder = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch allDone = new CountDownLatch(futures.size());
            for (int i = 0; i < futures.size(); i++) {
                int index = i;
                futures.get(i).whenComplete((value, error) -> {
                    completionOrder.add(index);
                    allDone.countDown();
                });
            }
            assertThat(futures).noneMatch(f -> f.toCompletableFuture().isDone());
            conn.flushCommands();
            assertThat(allDone.await(NO_HANG.toSeconds(), TimeUnit.SECONDS)).as("all 1000 replies within %s", NO_HANG)
                    .isTrue();
            assertThat(completionOrder).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).toCompletableFuture().getNow(null)).as("reply %d", i)
                        .isEqualTo(expected.get(i));
            }
        } finally {
            keys.add(counter);
            gateway.delete(target, 0, keys.toArray(String[]::new));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void publishedMessageReachesSubscriberOnAnotherConnection(Target target, Resp resp) throws Exception {
        String channel = GatewayFixture.prefix() + "channel";
        var client = gateway.lettuce(target, resp);
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             StatefulRedisConnection<String, String> pub = client.connect()) {
            if (!target.has(Feature.PUBSUB)) {
                assertThatThrownBy(() -> sub.sync().subscribe(channel))
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageStartingWith(target.refusalPrefix("SUBSCRIBE"));
                assertThatThrownBy(() -> pub.sync().publish(channel, "hello"))
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageStartingWith(target.refusalPrefix("PUBLISH"));
                return;
            }
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    received.add(ch + "=" + message);
                }
            });
            sub.sync().subscribe(channel);
            assertThat(pub.sync().publish(channel, "hello")).isGreaterThanOrEqualTo(0L);
            assertThat(received.poll(NO_HANG.toSeconds(), TimeUnit.SECONDS)).isEqualTo(channel + "=hello");
            sub.sync().unsubscribe(channel);
            assertThat(pub.sync().ping()).isEqualTo("PONG");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void multiExecRunsQueuedCommandsAtomically(Target target, Resp resp) {
        String p = "compat:{" + java.util.UUID.randomUUID() + "}:"; // one hash slot: cluster transactions need it
        String a = p + "a";
        String b = p + "b";
        try (StatefulRedisConnection<String, String> conn = gateway.lettuce(target, resp).connect()) {
            RedisCommands<String, String> redis = conn.sync();
            if (!target.has(Feature.TRANSACTIONS)) {
                assertThatThrownBy(redis::multi)
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageStartingWith(target.refusalPrefix("MULTI"));
                return;
            }
            assertThat(redis.multi()).isEqualTo("OK");
            assertThat(redis.set(a, "1")).isNull(); // queued: the reply comes with EXEC
            assertThat(redis.incr(a)).isNull();
            assertThat(redis.set(b, "x")).isNull();
            assertThat(redis.get(b)).isNull();
            TransactionResult result = redis.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat(result.stream().toList()).containsExactly("OK", 2L, "OK", "x");
            assertThat(redis.get(a)).isEqualTo("2");

            assertThat(redis.multi()).isEqualTo("OK");
            assertThat(redis.set(a, "discarded")).isNull();
            assertThat(redis.discard()).isEqualTo("OK");
            assertThat(redis.get(a)).isEqualTo("2");
        } finally {
            gateway.delete(target, 0, a, b);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void watchedKeyChangedByAnotherConnectionDiscardsExec(Target target, Resp resp) {
        String k = GatewayFixture.prefix() + "watched";
        var client = gateway.lettuce(target, resp);
        try (StatefulRedisConnection<String, String> conn = client.connect();
             StatefulRedisConnection<String, String> other = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            if (!target.has(Feature.TRANSACTIONS)) {
                assertThatThrownBy(() -> redis.watch(k))
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageStartingWith(target.refusalPrefix("WATCH"));
                return;
            }
            assertThat(redis.set(k, "start")).isEqualTo("OK");
            assertThat(redis.watch(k)).isEqualTo("OK");
            assertThat(other.sync().set(k, "changed")).isEqualTo("OK");
            assertThat(redis.multi()).isEqualTo("OK");
            assertThat(redis.set(k, "mine")).isNull();
            TransactionResult result = redis.exec();
            assertThat(result.wasDiscarded()).isTrue();
            assertThat(redis.get(k)).isEqualTo("changed");

            // Without a conflict the same sequence commits.
            assertThat(redis.watch(k)).isEqualTo("OK");
            assertThat(redis.multi()).isEqualTo("OK");
            assertThat(redis.set(k, "mine")).isNull();
            assertThat(redis.exec().wasDiscarded()).isFalse();
            assertThat(other.sync().get(k)).isEqualTo("mine");
        } finally {
            gateway.delete(target, 0, k);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void blpopOnAnEmptyListTimesOutWithNull(Target target, Resp resp) {
        String list = GatewayFixture.prefix() + "list";
        try (StatefulRedisConnection<String, String> conn = gateway.lettuce(target, resp).connect()) {
            RedisCommands<String, String> redis = conn.sync();
            if (!target.has(Feature.BLOCKING)) {
                assertThatThrownBy(() -> redis.blpop(1, list))
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageStartingWith(target.refusalPrefix("BLPOP"));
                assertThat(redis.ping()).isEqualTo("PONG");
                return;
            }
            long start = System.nanoTime();
            KeyValue<String, String> popped = redis.blpop(1, list);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(popped).isNull();
            assertThat(took).isLessThan(NO_HANG);
            assertThat(redis.ping()).isEqualTo("PONG");
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void blpopIsServedByRpushFromAnotherConnection(Target target) throws Exception {
        String list = GatewayFixture.prefix() + "list";
        var client = gateway.lettuce(target, Resp.RESP2);
        try (StatefulRedisConnection<String, String> waiter = client.connect();
             StatefulRedisConnection<String, String> pusher = client.connect()) {
            if (!target.has(Feature.BLOCKING)) {
                assertThatThrownBy(() -> waiter.sync().blpop(5, list))
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageStartingWith(target.refusalPrefix("BLPOP"));
                return;
            }
            RedisFuture<KeyValue<String, String>> popped = waiter.async().blpop(10, list);
            Thread.sleep(200); // let BLPOP reach the server first; if it does not, it still pops the pushed value
            assertThat(pusher.sync().rpush(list, "item")).isGreaterThanOrEqualTo(1L);
            assertThat(popped.get(NO_HANG.toSeconds(), TimeUnit.SECONDS)).isEqualTo(KeyValue.just(list, "item"));
            assertThat(pusher.sync().llen(list)).isZero();
        } finally {
            gateway.delete(target, 0, list);
        }
    }
}
