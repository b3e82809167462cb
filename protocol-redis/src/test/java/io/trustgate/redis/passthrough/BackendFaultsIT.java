package io.trustgate.redis.passthrough;

import io.trustgate.redis.codec.RespLimits;
import io.trustgate.redis.route.RedisRouter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A backend that is down, dies, comes back, or is slow: every command gets a clear answer in time. */
class BackendFaultsIT {

    @Test
    void commandsToADownBackendFailFastAndTheGatewayReconnectsWhenItReturns() throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("tg-redis");
        try (GatewayFixture gateway = new GatewayFixture(null, RespLimits.DEFAULT,
                g -> List.of(new RedisRouter.Route(null, null, g.standalone("flaky", port))));
             RespClient c = new RespClient(gateway.port)) {
            long start = System.nanoTime();
            assertThat(c.call("GET", "k")).isEqualTo("-ERR backend 'flaky' unavailable");
            assertThat(c.call("SET", "k", "v")).isEqualTo("-ERR backend 'flaky' unavailable");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);

            Process redis = startRedis(port, dir);
            try {
                Object reply = null;
                for (int i = 0; i < 100; i++) {
                    reply = c.call("SET", "k", "v");
                    if ("OK".equals(reply)) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(reply).isEqualTo("OK");
                assertThat(c.call("GET", "k")).isEqualTo("v");
            } finally {
                redis.destroyForcibly().waitFor();
            }
            Object afterDeath = null;
            for (int i = 0; i < 50; i++) {
                afterDeath = c.call("GET", "k");
                if (!"v".equals(afterDeath)) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(afterDeath).isEqualTo("-ERR backend 'flaky' unavailable");
        }
    }

    @Test
    void aHungBackendTimesOutWithAClearError() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
             GatewayFixture gateway = new GatewayFixture(null, RespLimits.DEFAULT, g -> List.of(
                     new RedisRouter.Route(null, null, new StandaloneTarget(
                             g.settings("silent", java.time.Duration.ofMillis(300)),
                             new java.net.InetSocketAddress("127.0.0.1", silent.getLocalPort()), g.group))));
             RespClient c = new RespClient(gateway.port)) {
            long start = System.nanoTime();
            assertThat(c.call("GET", "k")).isEqualTo("-ERR backend 'silent' timed out after 300 ms");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 3000L);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void passwordProtectedListenerRequiresAuth() throws Exception {
        RedisServers.requireLocalRedis();
        try (GatewayFixture gateway = new GatewayFixture("s3cret", RespLimits.DEFAULT,
                g -> List.of(new RedisRouter.Route(null, null, g.standalone("local", 6379))));
             RespClient c = new RespClient(gateway.port)) {
            assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.");
            assertThat(c.call("AUTH", "wrong")).isEqualTo(
                    "-WRONGPASS invalid username-password pair or user is disabled.");
            assertThat(c.call("AUTH", "default", "s3cret")).isEqualTo("OK");
            assertThat(c.call("PING")).isEqualTo("PONG");
            assertThat(c.call("RESET")).isEqualTo("RESET");
            assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required.");
            assertThat((List<Object>) c.call("HELLO", "2", "AUTH", "default", "s3cret", "SETNAME", "x"))
                    .contains("proto");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("x");
        }
    }

    @Test
    void keysRouteByPrefixAndCrossBackendCommandsAreRefused() throws Exception {
        RedisServers.requireLocalRedis();
        int port = freePort();
        Path dir = Files.createTempDirectory("tg-redis");
        Process second = startRedis(port, dir);
        try (GatewayFixture gateway = new GatewayFixture(null, RespLimits.DEFAULT, g -> List.of(
                new RedisRouter.Route("session:", null, g.standalone("sessions", port)),
                new RedisRouter.Route(null, null, g.standalone("main", 6379))));
             RespClient c = new RespClient(gateway.port);
             RespClient direct = new RespClient(port)) {
            waitForPing(direct);
            String id = Long.toString(System.nanoTime());
            assertThat(c.call("SET", "session:" + id, "s")).isEqualTo("OK");
            assertThat(c.call("SET", "user:" + id, "u")).isEqualTo("OK");
            assertThat(direct.call("GET", "session:" + id)).isEqualTo("s");
            assertThat(direct.call("GET", "user:" + id)).isNull();
            assertThat((String) c.call("MGET", "session:" + id, "user:" + id))
                    .isEqualTo("-ERR keys in 'mget' span backends 'sessions' and 'main'; keys of one command must "
                            + "route to one backend");
            assertThat(c.call("MGET", "session:" + id, "session:none")).isEqualTo(java.util.Arrays.asList("s", null));
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("GET", "session:" + id)).isEqualTo("QUEUED");
            assertThat((String) c.call("GET", "user:" + id)).startsWith("-ERR transaction spans backends");
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.");
            c.call("DEL", "user:" + id);
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    static void waitForPing(RespClient c) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                if ("PONG".equals(c.call("PING"))) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis did not come up");
    }

    static Process startRedis(int port, Path dir) throws Exception {
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
