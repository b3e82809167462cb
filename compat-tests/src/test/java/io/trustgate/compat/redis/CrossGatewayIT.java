package io.trustgate.compat.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two live gateways (two {@code TrustgateServer}s from the same YAML) on the same PostgreSQL or MariaDB tables:
 * Lettuce subscribers and blocked BLPOPs on one are reached by Lettuce PUBLISH and RPUSH on the other.
 */
@Timeout(120)
class CrossGatewayIT extends GatewayTest {

    static GatewayFixture second;

    @BeforeAll
    static void startSecond() throws Exception {
        second = GatewayFixture.start();
    }

    @AfterAll
    static void stopSecond() throws Exception {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"POSTGRES", "MARIADB"})
    void lettuceSubscriberOnOneGatewayGetsWhatTheOtherPublishes(Target target) throws Exception {
        String channel = GatewayFixture.prefix() + "news";
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> sub =
                     gateway.lettuce(target, GatewayFixture.Resp.NEGOTIATED).connectPubSub();
             StatefulRedisConnection<String, String> pub = second.lettuce(target, GatewayFixture.Resp.RESP2)
                     .connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    got.add(ch + "=" + message);
                }
            });
            sub.sync().subscribe(channel);
            assertThat(pub.sync().publish(channel, "hello"))
                    .as("PUBLISH counts the publishing gateway's subscribers").isZero();
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(channel + "=hello");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"POSTGRES", "MARIADB"})
    void blpopOnOneGatewayIsServedByRpushOnTheOther(Target target) throws Exception {
        String key = GatewayFixture.prefix() + "jobs";
        try (StatefulRedisConnection<String, String> waiter =
                     gateway.lettuce(target, GatewayFixture.Resp.NEGOTIATED).connect();
             StatefulRedisConnection<String, String> pusher = second.lettuce(target, GatewayFixture.Resp.RESP2)
                     .connect()) {
            RedisAsyncCommands<String, String> async = waiter.async();
            var popped = async.blpop(0, key).toCompletableFuture();
            Thread.sleep(300);
            assertThat(popped).as("parked").isNotDone();
            assertThat(pusher.sync().rpush(key, "job-1")).isEqualTo(1);
            KeyValue<String, String> kv = popped.get(10, TimeUnit.SECONDS);
            assertThat(kv.getKey()).isEqualTo(key);
            assertThat(kv.getValue()).isEqualTo("job-1");
            assertThat(pusher.sync().llen(key)).isZero();
        }
    }
}
