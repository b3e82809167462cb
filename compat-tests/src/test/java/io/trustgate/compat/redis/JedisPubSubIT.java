package io.trustgate.compat.redis;

import io.trustgate.compat.redis.Target.Feature;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jedis pub/sub ({@link JedisPubSub} on its own thread) and {@link JedisCluster} pointed at the gateway.
 *
 * <p>The gateway presents every backend, a Redis Cluster included, as one standalone Redis endpoint: it follows
 * the slots itself. {@code JedisCluster} needs a server that hands out a slot map, so the supported way to use
 * Jedis with trustgate is plain {@code Jedis}/{@code RedisClient}; the test pins down that the gateway says so
 * honestly (an error to CLUSTER SLOTS) and never leaks the real nodes' addresses, which would let a cluster client
 * bypass the gateway.
 */
@Timeout(120)
class JedisPubSubIT extends GatewayTest {


    @ParameterizedTest
    @EnumSource(Target.class)
    void subscriberOnAThreadReceivesWhatAnotherConnectionPublishes(Target target) throws Exception {
        String channel = GatewayFixture.prefix() + "channel";
        int port = gateway.port(target);
        try (Jedis subscriber = JedisIT.jedis(port, JedisIT.config().build());
             Jedis publisher = JedisIT.jedis(port, JedisIT.config().build())) {
            if (!target.has(Feature.PUBSUB)) {
                assertThatThrownBy(() -> subscriber.subscribe(new JedisPubSub() { }, channel))
                        .isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith(target.refusalPrefix("SUBSCRIBE"));
                assertThatThrownBy(() -> publisher.publish(channel, "hello"))
                        .isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith(target.refusalPrefix("PUBLISH"));
                return;
            }
            CountDownLatch subscribed = new CountDownLatch(1);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onSubscribe(String ch, int count) {
                    subscribed.countDown();
                }

                @Override
                public void onMessage(String ch, String message) {
                    received.add(ch + "=" + message);
                }
            };
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    subscriber.subscribe(listener, channel);
                } catch (Throwable t) {
                    failure.set(t);
                    subscribed.countDown();
                }
            }, "jedis-subscriber");
            thread.setDaemon(true);
            thread.start();
            assertThat(subscribed.await(10, TimeUnit.SECONDS)).as("subscribed within 10 s").isTrue();
            assertThat(failure.get()).isNull();
            assertThat(publisher.publish(channel, "hello")).isGreaterThanOrEqualTo(0L);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(channel + "=hello");
            listener.unsubscribe();
            thread.join(10_000);
            assertThat(thread.isAlive()).as("subscriber thread ended after UNSUBSCRIBE").isFalse();
            assertThat(failure.get()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void jedisClusterIsRefusedHonestlyAndNeverLearnsTheRealNodes(Target target) throws Exception {
        int port = gateway.port(target);
        try (RespSocket raw = new RespSocket(port)) {
            for (String sub : List.of("SLOTS", "SHARDS", "NODES")) {
                Object reply = raw.call("CLUSTER", sub);
                assertThat(reply).as("CLUSTER %s", sub).isInstanceOf(RespSocket.Error.class);
                String message = ((RespSocket.Error) reply).message();
                if (target != Target.PASSTHROUGH && target != Target.CLUSTER) {
                    assertThat(message).startsWith(target.refusalPrefix("CLUSTER"));
                } else {
                    // A cluster behind the gateway is still one standalone endpoint to its clients.
                    assertThat(message).isEqualTo("ERR This instance has cluster support disabled");
                }
            }
            assertThat(raw.call("PING")).isEqualTo("PONG");
        }
        assertThatThrownBy(() -> new JedisCluster(Set.of(new HostAndPort("127.0.0.1", port)),
                JedisIT.config().build()).close())
                .isInstanceOf(redis.clients.jedis.exceptions.JedisClusterOperationException.class)
                .hasMessageContaining("cluster slots cache");
    }
}
