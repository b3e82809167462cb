package io.trustgate.translators.redis.sql.pubsub;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.trustgate.translators.redis.sql.pubsub.Resp.array;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances on one real database and table prefix (separate engines, pools, event loops and
 * transports; nothing shared in process): pub/sub and blocking pops reach across them over real sockets.
 */
abstract class CrossInstanceTests {

    final String prefix = "xps" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
            .toLowerCase(Locale.ROOT) + "_";
    Gateway a;
    Gateway b;

    abstract SqlKeyspaceEngine.Kind kind();

    abstract String url();

    abstract String user();

    @BeforeEach
    void start() {
        a = new Gateway(kind(), url(), user(), prefix);
        b = new Gateway(kind(), url(), user(), prefix);
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        try (Connection c = DriverManager.getConnection(url(), user(), ""); Statement s = c.createStatement()) {
            s.execute("DROP VIEW IF EXISTS " + prefix + "readable");
            for (String t : List.of("strings", "hashes", "lists", "sets", "zsets", "keys", "lock", "pubsub")) {
                s.execute("DROP TABLE IF EXISTS " + prefix + t);
            }
        }
    }

    @Test
    void publishOnOneGatewayReachesSubscribersOfTheOther() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", a.port));
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             Resp publisher = new Resp(b.port); Resp local = new Resp(a.port)) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    got.add(channel + "=" + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    got.add(pattern + "|" + channel + "=" + message);
                }
            });
            sub.sync().subscribe("news");
            sub.sync().psubscribe("n*");

            assertThat(publisher.call("PUBLISH", "news", "hello"))
                    .as("PUBLISH counts the receivers on the publishing instance only, as Redis Cluster does per node")
                    .isEqualTo(":0\r\n");
            assertThat(List.of(poll(got), poll(got))).containsExactlyInAnyOrder("news=hello", "n*|news=hello");
            assertThat(local.call("PUBLISH", "news", "from-a")).as("one channel and one pattern subscription here")
                    .isEqualTo(":2\r\n");
            assertThat(List.of(poll(got), poll(got))).containsExactlyInAnyOrder("news=from-a", "n*|news=from-a");
            assertThat(got.poll(300, TimeUnit.MILLISECONDS)).as("a local PUBLISH is delivered once, not echoed back")
                    .isNull();
            assertThat(local.call("PUBSUB", "NUMSUB", "news")).isEqualTo("*2\r\n$4\r\nnews\r\n:1\r\n");
            assertThat(publisher.call("PUBSUB", "NUMSUB", "news")).as("per instance").isEqualTo(
                    "*2\r\n$4\r\nnews\r\n:0\r\n");

            sub.sync().unsubscribe("news");
            sub.sync().punsubscribe("n*");
            publisher.call("PUBLISH", "news", "after");
            assertThat(got.poll(500, TimeUnit.MILLISECONDS)).as("nothing after unsubscribing").isNull();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void bigAndBinaryMessagesCrossInstancesIntact() throws Exception {
        byte[] binaryChannel = new byte[] {'c', 0, (byte) 0xff, '\r', '\n', '|', ','};
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        byte[] big = new byte[100 * 1024];
        new Random(7).nextBytes(big);
        String channel = Resp.s(binaryChannel);
        try (Resp sub = new Resp(a.port); Resp pub = new Resp(b.port)) {
            assertThat(sub.call("SUBSCRIBE", channel)).isEqualTo(array("subscribe", channel).replace("*2", "*3")
                    + ":1\r\n");
            assertThat(sub.call("PSUBSCRIBE", "c*")).endsWith(":2\r\n");
            pub.call("PUBLISH", channel, Resp.s(binary));
            pub.call("PUBLISH", channel, Resp.s(big));
            assertThat(List.of(sub.read(), sub.read())).containsExactlyInAnyOrder(
                    array("message", channel, Resp.s(binary)),
                    "*4\r\n" + array("pmessage", "c*", channel, Resp.s(binary)).substring(4));
            assertThat(List.of(sub.read(), sub.read())).as("100 KB goes through the message table")
                    .containsExactlyInAnyOrder(array("message", channel, Resp.s(big)),
                            "*4\r\n" + array("pmessage", "c*", channel, Resp.s(big)).substring(4));
        }
    }

    @Test
    void blpopOnOneGatewayIsWokenByRpushOnTheOther() throws Exception {
        try (Resp waiter = new Resp(a.port); Resp pusher = new Resp(b.port)) {
            waiter.send("BLPOP", "none", "jobs", "0");
            assertThat(waiter.replyWithin(300)).as("parked").isFalse();
            assertThat(pusher.call("RPUSH", "jobs", "j1")).isEqualTo(":1\r\n");
            assertThat(waiter.read()).isEqualTo(array("jobs", "j1"));
            assertThat(pusher.call("LLEN", "jobs")).as("served exactly once").isEqualTo(":0\r\n");

            waiter.send("BZPOPMIN", "z", "0");
            assertThat(waiter.replyWithin(300)).isFalse();
            assertThat(pusher.call("ZADD", "z", "2", "two", "1", "one")).isEqualTo(":2\r\n");
            assertThat(waiter.read()).isEqualTo(array("z", "one", "1"));

            waiter.send("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
            assertThat(waiter.replyWithin(300)).isFalse();
            pusher.call("LPUSH", "src", "m");
            assertThat(waiter.read()).isEqualTo("$1\r\nm\r\n");
            assertThat(pusher.call("LRANGE", "dst", "0", "-1")).isEqualTo(array("m"));
        }
    }

    @Test
    void blockingTimeoutsAnswerANullArrayWhenNoInstancePushes() throws Exception {
        try (Resp waiter = new Resp(a.port); Resp other = new Resp(b.port)) {
            long start = System.nanoTime();
            assertThat(waiter.call("BRPOP", "quiet", "0.4")).isEqualTo("*-1\r\n");
            assertThat(System.nanoTime() - start).as("not before the timeout")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
            assertThat(other.call("SET", "quiet2", "v")).isEqualTo("+OK\r\n");
            assertThat(waiter.call("BLPOP", "quiet2", "0.1")).startsWith("-WRONGTYPE");
        }
    }

    @Test
    void aCommandPipelinedAfterAParkedBlpopWaitsForIt() throws Exception {
        try (Resp blocked = new Resp(a.port); Resp other = new Resp(b.port); Resp sameGateway = new Resp(a.port)) {
            blocked.sendAll(List.of(new String[] {"BLPOP", "q", "0"}, new String[] {"RPUSH", "marker", "m"},
                    new String[] {"CLIENT", "SETNAME", "held"}, new String[] {"PING"},
                    new String[] {"LLEN", "marker"}));
            assertThat(blocked.replyWithin(300)).isFalse();
            assertThat(sameGateway.call("LLEN", "marker")).as("RPUSH has not run while BLPOP is parked")
                    .isEqualTo(":0\r\n");
            assertThat(sameGateway.call("CLIENT", "LIST")).as("nor has CLIENT SETNAME, which the gateway answers")
                    .doesNotContain("name=held");
            assertThat(other.call("RPUSH", "q", "v")).isEqualTo(":1\r\n");
            assertThat(blocked.read()).isEqualTo(array("q", "v"));
            assertThat(blocked.read()).isEqualTo(":1\r\n");
            assertThat(blocked.read()).isEqualTo("+OK\r\n");
            assertThat(sameGateway.call("CLIENT", "LIST")).contains("name=held");
            assertThat(blocked.read()).isEqualTo("+PONG\r\n");
            assertThat(blocked.read()).isEqualTo(":1\r\n");
        }
    }

    static String poll(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(10, TimeUnit.SECONDS);
        assertThat(s).as("a message within 10 s").isNotNull();
        return s;
    }
}
