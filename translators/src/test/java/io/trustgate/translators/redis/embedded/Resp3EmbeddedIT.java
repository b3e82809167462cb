package io.trustgate.translators.redis.embedded;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.trustgate.redis.RedisFrontend;
import io.trustgate.redis.RedisListenerSettings;
import io.trustgate.redis.codec.RespLimits;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.route.KeyspaceTarget;
import io.trustgate.redis.passthrough.StandaloneTarget;
import io.trustgate.redis.passthrough.UpstreamSettings;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.redis.route.RouteTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RESP3 on a real listener whose only backend is the embedded engine: the gateway composes every reply, so
 * {@code HELLO 3} switches the connection to RESP3 and the encoder writes RESP3 types. Checked byte for byte
 * with a raw socket, and with Lettuce negotiating each protocol version. One test adds a passthrough route to
 * the Redis on 6379, which must make the listener refuse RESP3.
 */
class Resp3EmbeddedIT {

    private static final Pattern ID = Pattern.compile("\\$2\r\nid\r\n:(\\d+)\r\n");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final InMemoryKeyspaceEngine engine = new InMemoryKeyspaceEngine();
    private Channel server;
    private int port;

    private final List<RouteTarget> targets = new ArrayList<>();

    private KeyspaceTarget embedded() {
        KeyspaceTarget target = new KeyspaceTarget("embedded", new KeyspaceCommandExecutor("embedded", engine));
        targets.add(target);
        return target;
    }

    private void start(String password) {
        start(password, List.of(new RedisRouter.Route(null, null, embedded())));
    }

    private void start(String password, List<RedisRouter.Route> routes) {
        RedisFrontend frontend = new RedisFrontend(new RedisListenerSettings("test", password, RespLimits.DEFAULT),
                routes, new SimpleMeterRegistry());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(frontend.channelInitializer())
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        targets.forEach(RouteTarget::close);
        engine.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The exact HELLO reply of this gateway, the map header replaced by {@code head}. */
    private static String hello(String head, int proto, String id) {
        return head + "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.0\r\n$5\r\nproto\r\n:" + proto
                + "\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                + "$7\r\nmodules\r\n*0\r\n";
    }

    private static String idOf(String helloReply) {
        Matcher m = ID.matcher(helloReply);
        assertThat(m.find()).as("HELLO reply has an id: " + helloReply).isTrue();
        return m.group(1);
    }

    @Test
    void helloThreeSwitchesTheConnectionToResp3AndHelloTwoBack() throws IOException {
        start(null);
        try (RespSocket c = new RespSocket(port)) {
            String reply = c.call("HELLO", "3");
            String id = idOf(reply);
            assertThat(reply).isEqualTo(hello("%7\r\n", 3, id));
            assertThat(c.call("GET", "missing")).isEqualTo("_\r\n");
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("INCR", "n")).isEqualTo(":1\r\n");
            assertThat(c.call("MGET", "k", "missing")).isEqualTo("*2\r\n$1\r\nv\r\n_\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" resp=3 ");
            assertThat(c.call("HELLO")).as("HELLO without a version keeps it").isEqualTo(hello("%7\r\n", 3, id));

            assertThat(c.call("HELLO", "2")).isEqualTo(hello("*14\r\n", 2, id));
            assertThat(c.call("GET", "missing")).isEqualTo("$-1\r\n");
            assertThat(c.call("MGET", "k", "missing")).isEqualTo("*2\r\n$1\r\nv\r\n$-1\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" resp=2 ");
        }
    }

    @Test
    void switchesInReplyOrderWhenPipelined() throws IOException {
        start(null);
        try (RespSocket c = new RespSocket(port)) {
            c.send(List.of(new String[] {"GET", "missing"}, new String[] {"HELLO", "3"},
                    new String[] {"GET", "missing"}, new String[] {"HELLO", "2"}, new String[] {"GET", "missing"},
                    new String[] {"HELLO", "3"}, new String[] {"RESET"}, new String[] {"GET", "missing"}));
            assertThat(c.read()).isEqualTo("$-1\r\n");
            String id = idOf(c.read());
            assertThat(c.read()).isEqualTo("_\r\n");
            assertThat(c.read()).isEqualTo(hello("*14\r\n", 2, id));
            assertThat(c.read()).isEqualTo("$-1\r\n");
            assertThat(c.read()).isEqualTo(hello("%7\r\n", 3, id));
            assertThat(c.read()).isEqualTo("+RESET\r\n");
            assertThat(c.read()).as("RESET returns to RESP2").isEqualTo("$-1\r\n");
        }
    }

    @Test
    void resp2ClientsAreUnaffected() throws IOException {
        start(null);
        try (RespSocket resp3 = new RespSocket(port); RespSocket resp2 = new RespSocket(port)) {
            assertThat(resp3.call("HELLO", "3")).startsWith("%7\r\n");
            assertThat(resp2.call("GET", "missing")).isEqualTo("$-1\r\n");
            assertThat(resp3.call("GET", "missing")).isEqualTo("_\r\n");
            String reply = resp2.call("HELLO");
            assertThat(reply).isEqualTo(hello("*14\r\n", 2, idOf(reply)));
            assertThat(resp2.call("LPOP", "missing")).isEqualTo("$-1\r\n");
            assertThat(resp2.call("CLIENT", "INFO")).contains(" resp=2 ");
        }
    }

    @Test
    void helloThreeAuthenticatesAndNamesTheConnection() throws IOException {
        start("secret");
        try (RespSocket c = new RespSocket(port)) {
            assertThat(c.call("HELLO", "3")).startsWith("-NOAUTH HELLO must be called with the client already "
                    + "authenticated");
            assertThat(c.call("HELLO", "3", "AUTH", "default", "wrong"))
                    .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("GET", "missing")).as("still RESP2 and unauthenticated")
                    .isEqualTo("-NOAUTH Authentication required.\r\n");
            String reply = c.call("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "app");
            assertThat(reply).isEqualTo(hello("%7\r\n", 3, idOf(reply)));
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$3\r\napp\r\n");
            assertThat(c.call("GET", "missing")).isEqualTo("_\r\n");
            assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(c.call("GET", "missing")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("HELLO", "2", "AUTH", "default", "secret")).startsWith("*14\r\n");
            assertThat(c.call("GET", "missing")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void refusesResp3WhenAPassthroughRouteSharesTheListener() throws IOException {
        StandaloneTarget redis = new StandaloneTarget(new UpstreamSettings("redis", null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 1, NioSocketChannel.class, new SimpleMeterRegistry()),
                new InetSocketAddress("127.0.0.1", 6379), group);
        targets.add(redis);
        start(null, List.of(new RedisRouter.Route(null, null, embedded()),
                new RedisRouter.Route("tg:resp3it:", null, redis)));
        try (RespSocket c = new RespSocket(port)) {
            assertThat(c.call("HELLO", "3")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(c.call("GET", "missing")).isEqualTo("$-1\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" resp=2 ");
        }
    }

    @Test
    void lettuceNegotiatesResp3ByDefault() {
        start(null);
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            assertThat(redis.clientInfo()).contains(" resp=3 ");
            exerciseStrings(redis, "lettuce3:");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void lettuceWorksInResp2WhenAskedTo() {
        start(null);
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            assertThat(redis.clientInfo()).contains(" resp=2 ");
            exerciseStrings(redis, "lettuce2:");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void exerciseStrings(RedisCommands<String, String> redis, String prefix) {
        assertThat(redis.get(prefix + "missing")).isNull();
        assertThat(redis.set(prefix + "k", "v")).isEqualTo("OK");
        assertThat(redis.get(prefix + "k")).isEqualTo("v");
        assertThat(redis.incr(prefix + "n")).isEqualTo(1L);
        assertThat(redis.incr(prefix + "n")).isEqualTo(2L);
        assertThat(redis.ttl(prefix + "k")).isEqualTo(-1L);
        assertThat(redis.expire(prefix + "k", 100)).isTrue();
        assertThat(redis.ttl(prefix + "k")).isBetween(99L, 100L);
        assertThat(redis.expire(prefix + "missing", 100)).isFalse();
        assertThat(redis.ttl(prefix + "missing")).isEqualTo(-2L);
        assertThat(redis.mget(prefix + "k", prefix + "missing"))
                .extracting(kv -> kv.getValueOrElse(null)).containsExactly("v", null);
    }
}
