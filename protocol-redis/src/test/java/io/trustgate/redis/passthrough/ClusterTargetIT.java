package io.trustgate.redis.passthrough;

import io.trustgate.testsupport.NettyLeaks;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.redis.route.RouteTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link ClusterTarget} behind a real gateway listener, against a real 3-master Redis Cluster on
 * 127.0.0.1:7000-7002 ({@code scripts/redis-cluster.sh start}). Without the cluster the test fails; it never
 * skips.
 */
class ClusterTargetIT {

    private static final List<InetSocketAddress> NODES = List.of(new InetSocketAddress("127.0.0.1", 7000),
            new InetSocketAddress("127.0.0.1", 7001), new InetSocketAddress("127.0.0.1", 7002));
    private static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";

    private static EventLoopGroup group;
    private static SimpleMeterRegistry registry;
    private static ClusterTarget target;
    private static final List<Channel> servers = new ArrayList<>();
    private static final List<RouteTarget> targets = new ArrayList<>();
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        NettyLeaks.install();
        requireCluster();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        registry = new SimpleMeterRegistry();
        target = newTarget("cluster", NODES);
        await("cluster target ready", 10_000, target::isReady);
        port = gateway(target);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        servers.forEach(Channel::close);
        targets.forEach(RouteTarget::close);
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            assertThat(NettyLeaks.collect()).as("buffers leaked").isEmpty();
        }
    }

    @BeforeEach
    void flushNodes() throws IOException {
        for (InetSocketAddress node : NODES) {
            try (RespClient direct = new RespClient(node)) {
                assertThat(direct.call("FLUSHALL")).isEqualTo("OK");
            }
        }
        await("slot map back to normal", 5_000, () -> realMap().ranges().equals(target.topology().map().ranges()));
    }

    private static void requireCluster() {
        List<String> problems = new ArrayList<>();
        for (InetSocketAddress node : NODES) {
            try (RespClient c = new RespClient(node)) {
                Object info = c.call("CLUSTER", "INFO");
                if (!(info instanceof String s) || !s.contains("cluster_state:ok")) {
                    problems.add(node + ": " + info);
                }
            } catch (IOException e) {
                problems.add(node + ": " + e);
            }
        }
        if (!problems.isEmpty()) {
            String why = "no healthy Redis Cluster on 127.0.0.1:7000-7002 (start it with "
                    + "scripts/redis-cluster.sh start): " + problems;
            fail(why);
        }
    }

    private static ClusterTarget newTarget(String name, List<InetSocketAddress> seeds) {
        UpstreamSettings settings = new UpstreamSettings(name, null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, NioSocketChannel.class, registry);
        ClusterTarget t = new ClusterTarget(settings, seeds, group);
        targets.add(t);
        return t;
    }

    private static int gateway(RouteTarget routeTarget) {
        RedisFrontend frontend = new RedisFrontend(new RedisListenerSettings("it", null, RespLimits.DEFAULT),
                List.of(new RedisRouter.Route(null, null, routeTarget)), registry);
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(frontend.channelInitializer())
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        servers.add(server);
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static RespClient client() throws IOException {
        return new RespClient(port);
    }

    private static void await(String what, long millis, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static SlotMap realMap() {
        try (RespClient c = new RespClient(NODES.get(0))) {
            // The test client reads the same shapes (Long, String, List) as ClusterReplies.parse.
            c.send("CLUSTER", "SLOTS");
            return ClusterTopology.parseSlots(c.read(), NODES.get(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetSocketAddress owner(String key) {
        return realMap().owner(SlotHash.slot(key));
    }

    /** A key with {@code prefix} whose slot {@code node} serves. */
    private static String keyOn(InetSocketAddress node, String prefix) {
        SlotMap map = realMap();
        for (int i = 0; ; i++) {
            if (node.equals(map.owner(SlotHash.slot(prefix + i)))) {
                return prefix + i;
            }
        }
    }

    private static double redirects(String kind) {
        return registry.get("trustgate.redis.cluster.redirects").tag("backend", "cluster").tag("kind", kind)
                .counter().count();
    }

    @Test
    void servesKeysOfEveryMasterThroughOneAddress() throws IOException {
        try (RespClient c = client()) {
            for (InetSocketAddress node : NODES) {
                String key = keyOn(node, "plain:");
                assertThat(c.call("SET", key, "v-" + node.getPort())).isEqualTo("OK");
                assertThat(c.call("GET", key)).isEqualTo("v-" + node.getPort());
                try (RespClient direct = new RespClient(node)) {
                    assertThat(direct.call("GET", key)).as("stored on the master that serves its slot")
                            .isEqualTo("v-" + node.getPort());
                }
            }
        }
    }

    @Test
    void splitsAndMergesMultiKeyCommandsAcrossSlots() throws IOException {
        String a = keyOn(NODES.get(0), "m:");
        String b = keyOn(NODES.get(1), "m:");
        String c = keyOn(NODES.get(2), "m:");
        try (RespClient client = client()) {
            assertThat(client.call("MSET", a, "1", b, "2", c, "3")).isEqualTo("OK");
            assertThat(client.call("MGET", c, "missing", a, b, a))
                    .isEqualTo(Arrays.asList("3", null, "1", "2", "1"));
            assertThat(client.call("EXISTS", a, b, c, "missing", a)).isEqualTo(4L);
            assertThat(client.call("TOUCH", a, b, "missing")).isEqualTo(2L);
            assertThat(client.call("DEL", a, "missing", b)).isEqualTo(2L);
            assertThat(client.call("UNLINK", c, a)).isEqualTo(1L);
            assertThat(client.call("MGET", a, b, c)).isEqualTo(Arrays.asList(null, null, null));
            assertThat(client.call("MSET", a, "1", b)).isEqualTo(
                    ("-" + "ERR wrong number of arguments for 'mset' command"));
        }
    }

    @Test
    void refusesOtherCommandsSpanningSlotsWithCrossslot() throws IOException {
        String a = keyOn(NODES.get(0), "x:");
        String b = keyOn(NODES.get(1), "x:");
        try (RespClient c = client()) {
            assertThat(c.call("SUNION", a, b)).isEqualTo(("-" + CROSSSLOT));
            assertThat(c.call("RENAME", a, b)).isEqualTo(("-" + CROSSSLOT));
            assertThat(c.call("EVAL", "return 1", "2", a, b)).isEqualTo(("-" + CROSSSLOT));
            assertThat(c.call("SET", "{s}1", "v")).isEqualTo("OK");
            assertThat(c.call("EVAL", "return redis.call('GET', KEYS[2])", "2", "{s}2", "{s}1")).isEqualTo("v");
            assertThat(c.call("RENAME", "{s}1", "{s}3")).isEqualTo("OK");
            assertThat(c.call("GET", "{s}3")).isEqualTo("v");
        }
    }

    @Test
    void runsTransactionsInOneSlotAndRefusesSpanningOnes() throws IOException {
        try (RespClient c = client()) {
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("SET", "{tx}a", "1")).isEqualTo("QUEUED");
            assertThat(c.call("INCR", "{tx}b")).isEqualTo("QUEUED");
            assertThat(c.call("GET", "{tx}a")).isEqualTo("QUEUED");
            assertThat(c.call("EXEC")).isEqualTo(List.of("OK", 1L, "1"));

            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("SET", keyOn(NODES.get(0), "t:"), "1")).isEqualTo("QUEUED");
            assertThat(c.call("SET", keyOn(NODES.get(1), "t:"), "1")).isEqualTo("QUEUED");
            assertThat(c.call("EXEC")).isEqualTo(("-" + CROSSSLOT));

            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("DBSIZE")).isEqualTo("QUEUED");
            assertThat(c.call("EXEC")).isEqualTo(("-" + "EXECABORT Transaction discarded: "
                    + "'dbsize' needs every cluster node, and a transaction runs on one"));
            assertThat(c.call("GET", "{tx}a")).as("nothing of the refused transactions ran").isEqualTo("1");
        }
    }

    @Test
    void honoursWatchOnTheNodeOfTheWatchedKeys() throws IOException {
        try (RespClient c = client(); RespClient other = client()) {
            assertThat(c.call("WATCH", "{w}k", "{w}j")).isEqualTo("OK");
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("SET", "{w}k", "mine")).isEqualTo("QUEUED");
            assertThat(c.call("EXEC")).isEqualTo(List.of("OK"));

            assertThat(c.call("WATCH", "{w}k")).isEqualTo("OK");
            assertThat(other.call("SET", "{w}k", "theirs")).isEqualTo("OK");
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("SET", "{w}k", "mine")).isEqualTo("QUEUED");
            assertThat(c.call("EXEC")).as("a watched key changed").isNull();
            assertThat(c.call("GET", "{w}k")).isEqualTo("theirs");

            assertThat(c.call("WATCH", keyOn(NODES.get(0), "w:"), keyOn(NODES.get(1), "w:")))
                    .isEqualTo(("-" + CROSSSLOT));
        }
    }

    @Test
    void fansKeylessCommandsOutToEveryMaster() throws IOException {
        Set<String> keys = new HashSet<>();
        try (RespClient c = client()) {
            for (int i = 0; i < 60; i++) {
                keys.add("scan:" + i);
                c.send("SET", "scan:" + i, "v");
            }
            for (int i = 0; i < 60; i++) {
                assertThat(c.read()).isEqualTo("OK");
            }
            assertThat(c.call("RANDOMKEY")).isIn(keys);
            assertThat(c.call("SET", "other", "v")).isEqualTo("OK");
            assertThat(c.call("DBSIZE")).isEqualTo(61L);
            assertThat(new HashSet<>((List<?>) c.call("KEYS", "scan:*"))).isEqualTo(keys);

            Set<String> seen = new HashSet<>();
            Set<Integer> masters = new HashSet<>();
            String cursor = "0";
            int pages = 0;
            do {
                List<?> page = (List<?>) c.call("SCAN", cursor, "MATCH", "scan:*", "COUNT", "7");
                cursor = (String) page.get(0);
                masters.add(ClusterScan.node(Long.parseUnsignedLong(cursor)));
                for (Object k : (List<?>) page.get(1)) {
                    seen.add((String) k);
                }
                assertThat(++pages).as("SCAN ends").isLessThan(1000);
            } while (!cursor.equals("0"));
            assertThat(seen).isEqualTo(keys);
            assertThat(masters).as("the cursor walked every master").contains(1, 2);
            assertThat(c.call("SCAN", String.valueOf(Long.MAX_VALUE)))
                    .isEqualTo(("-" + "ERR invalid cursor"));

            assertThat(c.call("FLUSHALL")).isEqualTo("OK");
            assertThat(c.call("DBSIZE")).isEqualTo(0L);
            assertThat(c.call("RANDOMKEY")).isNull();
            String last = keyOn(NODES.get(2), "only:");
            assertThat(c.call("SET", last, "v")).isEqualTo("OK");
            assertThat(c.call("RANDOMKEY")).as("found on the last master, master 0 being empty").isEqualTo(last);
        }
    }

    @Test
    void looksLikeAServerWithoutClusterSupport() throws IOException {
        try (RespClient c = client()) {
            String disabled =
                    ("-" + "ERR This instance has cluster support disabled");
            assertThat(c.call("CLUSTER", "SLOTS")).isEqualTo(disabled);
            assertThat(c.call("CLUSTER", "INFO")).isEqualTo(disabled);
            assertThat(c.call("READONLY")).isEqualTo(disabled);
            assertThat(c.call("SELECT", "1"))
                    .isEqualTo(("-" + "ERR SELECT is not allowed in cluster mode"));
            assertThat(c.call("SET", "k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void followsMovedFromAStaleSlotMapWithoutShowingIt() throws IOException {
        SlotMap real = target.topology().map();
        List<SlotMap.Range> rotated = new ArrayList<>();
        for (SlotMap.Range r : real.ranges()) {
            int next = (real.masters().indexOf(r.node()) + 1) % real.masterCount();
            rotated.add(new SlotMap.Range(r.start(), r.end(), real.master(next)));
        }
        try (RespClient c = client()) {
            double before = redirects("moved");
            target.topology().install(SlotMap.of(rotated));
            c.send("MULTI");
            c.send("SET", "{movedtx}a", "1");
            c.send("INCR", "{movedtx}b");
            c.send("EXEC");
            assertThat(c.read()).isEqualTo("OK");
            assertThat(c.read()).isEqualTo("QUEUED");
            assertThat(c.read()).isEqualTo("QUEUED");
            assertThat(c.read()).as("the transaction was sent again to the right master").isEqualTo(List.of("OK", 1L));
            assertThat(redirects("moved")).isGreaterThan(before);

            await("the slot map refreshed", 3_000, () -> target.topology().map().ranges().equals(real.ranges()));
            before = redirects("moved");
            target.topology().install(SlotMap.of(rotated));
            for (int i = 0; i < 30; i++) {
                c.send("SET", "moved:" + i, "v" + i);
            }
            for (int i = 0; i < 30; i++) {
                assertThat(c.read()).isEqualTo("OK");
            }
            for (int i = 0; i < 30; i++) {
                assertThat(c.call("GET", "moved:" + i)).isEqualTo("v" + i);
            }
            assertThat(redirects("moved")).isGreaterThan(before);
        }
        await("the slot map refreshed", 3_000, () -> target.topology().map().ranges().equals(real.ranges()));
    }

    @Test
    void followsAskDuringASlotMigration() throws IOException {
        int slot = SlotHash.slot("{ask}");
        InetSocketAddress source = owner("{ask}");
        InetSocketAddress dest = NODES.get((NODES.indexOf(source) + 1) % NODES.size());
        try (RespClient src = new RespClient(source); RespClient dst = new RespClient(dest);
             RespClient c = client()) {
            String sourceId = (String) src.call("CLUSTER", "MYID");
            String destId = (String) dst.call("CLUSTER", "MYID");
            assertThat(src.call("SET", "{ask}migrated", "v1")).isEqualTo("OK");
            assertThat(src.call("SET", "{ask}stays", "v2")).isEqualTo("OK");
            double before = redirects("ask");
            try {
                assertThat(dst.call("CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", sourceId))
                        .isEqualTo("OK");
                assertThat(src.call("CLUSTER", "SETSLOT", String.valueOf(slot), "MIGRATING", destId))
                        .isEqualTo("OK");
                assertThat(src.call("MIGRATE", dest.getHostString(), String.valueOf(dest.getPort()), "", "0",
                        "5000", "KEYS", "{ask}migrated")).isEqualTo("OK");

                assertThat(c.call("GET", "{ask}migrated")).isEqualTo("v1");
                assertThat(c.call("GET", "{ask}stays")).isEqualTo("v2");
                assertThat(c.call("SET", "{ask}new", "v3")).isEqualTo("OK");
                assertThat(c.call("GET", "{ask}new")).isEqualTo("v3");
                assertThat(redirects("ask")).isGreaterThanOrEqualTo(before + 3);
            } finally {
                restoreSlot(slot, source, dest, sourceId);
            }
        }
    }

    /**
     * Ends a migration of {@code slot} from {@code source} to {@code dest}: drops what moved to dest, clears the
     * importing and migrating states (SETSLOT NODE leaves them while keys remain) and tells every node the source
     * owns the slot; then
     * checks no node still shows the slot migrating or importing, so a failed cleanup cannot poison later runs.
     */
    private static void restoreSlot(int slot, InetSocketAddress source, InetSocketAddress dest, String sourceId)
            throws IOException {
        String s = String.valueOf(slot);
        try (RespClient dst = new RespClient(dest)) {
            for (Object key : (List<?>) dst.call("CLUSTER", "GETKEYSINSLOT", s, "1000")) {
                assertThat(dst.call("ASKING")).isEqualTo("OK");
                assertThat(dst.call("DEL", (String) key)).isEqualTo(1L);
            }
            assertThat(dst.call("CLUSTER", "SETSLOT", s, "STABLE")).isEqualTo("OK");
        }
        try (RespClient src = new RespClient(source)) {
            assertThat(src.call("CLUSTER", "SETSLOT", s, "STABLE")).isEqualTo("OK");
        }
        List<InetSocketAddress> order = new ArrayList<>(List.of(source));
        NODES.stream().filter(n -> !n.equals(source)).forEach(order::add);
        for (InetSocketAddress node : order) {
            try (RespClient c = new RespClient(node)) {
                assertThat(c.call("CLUSTER", "SETSLOT", s, "NODE", sourceId)).isEqualTo("OK");
            }
        }
        for (InetSocketAddress node : NODES) {
            try (RespClient c = new RespClient(node)) {
                String nodes = (String) c.call("CLUSTER", "NODES");
                assertThat(nodes.lines().filter(l -> l.contains("myself")).findFirst().orElseThrow())
                        .as("slot %d restored on %s", slot, node).doesNotContain("[");
            }
        }
    }

    @Test
    void keepsBlockingCommandsPastTheCommandTimeout() throws Exception {
        try (RespClient blocked = client(); RespClient pusher = client()) {
            blocked.send("BLPOP", "{bl}list", "0");
            Thread.sleep(1500);
            assertThat(pusher.call("RPUSH", "{bl}list", "x")).isEqualTo(1L);
            assertThat(blocked.read()).isEqualTo(List.of("{bl}list", "x"));
            assertThat(blocked.call("GET", "{bl}other")).as("pinned from now on, still routed").isNull();
        }
    }

    @Test
    void relaysClassicAndShardedPubSub() throws IOException {
        String channel = keyOn(NODES.get(2), "sch:");
        try (RespClient sub = client(); RespClient ssub = client(); RespClient pub = client()) {
            assertThat(sub.call("SUBSCRIBE", "news")).isEqualTo(List.of("subscribe", "news", 1L));
            assertThat(pub.call("PUBLISH", "news", "hello")).isEqualTo(1L);
            assertThat(sub.read()).isEqualTo(List.of("message", "news", "hello"));

            assertThat(ssub.call("SSUBSCRIBE", channel)).isEqualTo(List.of("ssubscribe", channel, 1L));
            assertThat(pub.call("SPUBLISH", channel, "hi")).isEqualTo(1L);
            assertThat(ssub.read()).isEqualTo(List.of("smessage", channel, "hi"));
        }
    }

    @Test
    void refusesResp3WithNoprotoAndKeepsTheConnection() throws IOException {
        try (RespClient c = client()) {
            Object reply = c.call("HELLO", "3");
            assertThat((String) reply).startsWith("-");
            assertThat(((String) reply).substring(1)).isEqualTo("NOPROTO unsupported protocol version");
            assertThat(c.call("SET", "resp3:{x}", "2")).isEqualTo("OK");
            Object tracking = c.call("CLIENT", "TRACKING", "on");
            assertThat(((String) tracking).substring(1))
                    .startsWith("ERR command 'CLIENT TRACKING' is not supported by backend");
            assertThat(c.call("GET", "resp3:{x}")).isEqualTo("2");
            c.call("DEL", "resp3:{x}");
        }
    }

    @Test
    void selectOfANonZeroDbIsRefusedAsRedisClusterRefusesIt() throws IOException {
        try (RespClient c = client()) {
            Object reply = c.call("SELECT", "2");
            assertThat(((String) reply).substring(1)).isEqualTo("ERR SELECT is not allowed in cluster mode");
            assertThat(c.call("SELECT", "0")).isEqualTo("OK");
            assertThat(c.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void lettuceWithDefaultProtocolNegotiationFallsBackToResp2() {
        RedisClient lettuce = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> connection = lettuce.connect()) {
            assertThat(connection.sync().set("lettuce:{neg}", "v")).isEqualTo("OK");
            assertThat(connection.sync().get("lettuce:{neg}")).isEqualTo("v");
            connection.sync().del("lettuce:{neg}");
        } finally {
            lettuce.shutdown();
        }
    }

    @Test
    void worksWithLettucePipeliningAcrossSlots() throws Exception {
        RedisClient lettuce = RedisClient.create(RedisURI.create("127.0.0.1", port));
        lettuce.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<String, String> connection = lettuce.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<String>> sets = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sets.add(async.set("lettuce:" + i, "v" + i));
            }
            assertThat(LettuceFutures.awaitAll(10, TimeUnit.SECONDS, sets.toArray(new RedisFuture[0]))).isTrue();
            List<KeyValue<String, String>> values = connection.sync().mget("lettuce:0", "lettuce:1", "lettuce:2",
                    "lettuce:299");
            assertThat(values).extracting(KeyValue::getValue).containsExactly("v0", "v1", "v2", "v299");
            assertThat(connection.sync().del("lettuce:0", "lettuce:1", "lettuce:2")).isEqualTo(3L);
        } finally {
            lettuce.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void waitsForTheFirstSlotMapInsteadOfFailing() throws IOException {
        ClusterTarget fresh = newTarget("cluster", NODES);
        int freshPort = gateway(fresh);
        try (RespClient c = new RespClient(freshPort)) {
            assertThat(c.call("SET", keyOn(NODES.get(1), "early:"), "v")).isEqualTo("OK");
            assertThat(c.call("DBSIZE")).isEqualTo(1L);
        }
    }

    @Test
    void answersUnavailableWhenNoNodeCanBeReached() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ClusterTarget down = newTarget("down", List.of(new InetSocketAddress("127.0.0.1", closed)));
        int downPort = gateway(down);
        try (RespClient c = new RespClient(downPort)) {
            long start = System.nanoTime();
            assertThat(c.call("GET", "k")).isEqualTo(("-" + "ERR backend 'down' unavailable"));
            assertThat(c.call("MGET", "a", "b")).isEqualTo(("-" + "ERR backend 'down' unavailable"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
        assertThat(down.isReady()).isFalse();
    }
}
