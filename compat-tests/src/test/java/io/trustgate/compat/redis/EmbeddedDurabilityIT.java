package io.trustgate.compat.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded backend in a real gateway process, killed with SIGKILL under write load and restarted on the same
 * data directory: every acknowledged write must be there, under {@code fsync: always}, under {@code everysec} and
 * under the default (no {@code fsync} key), since every policy writes a unit to the operating system before its reply.
 */
class EmbeddedDurabilityIT {

    private static final int WRITERS = 6;

    @TempDir
    Path tmp;

    /** What one writer saw acknowledged; written by its thread, read after join. */
    private static final class Acked {
        final Map<Integer, String> sets = new HashMap<>();
        long counter;
        long listLength;
        final List<Integer> hashFields = new ArrayList<>();
    }

    @ParameterizedTest(name = "fsync {0}")
    @ValueSource(strings = {"always", "everysec", "default"})
    void killNineUnderLoadLosesNoAcknowledgedWrite(String fsync) throws Exception {
        Path dataDir = tmp.resolve("data-" + fsync);
        int port = freePort();
        Path config = config(port, dataDir, fsync);
        Process gateway = start(config, port);
        Acked[] acked = new Acked[WRITERS];
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            Acked a = acked[t] = new Acked();
            int w = t;
            Thread thread = new Thread(() -> write(port, w, a, stop), "writer-" + t);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(2500);
        gateway.destroyForcibly(); // SIGKILL on Linux
        assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        long total = 0;
        for (Acked a : acked) {
            total += a.sets.size();
        }
        assertThat(total).as("acknowledged SETs before the kill").isGreaterThan(100);

        Process again = start(config, port);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (int t = 0; t < WRITERS; t++) {
                Acked a = acked[t];
                for (Map.Entry<Integer, String> e : a.sets.entrySet()) {
                    assertThat(jedis.get("k:" + t + ":" + e.getKey())).isEqualTo(e.getValue());
                }
                long counter = Long.parseLong(jedis.get("ctr:" + t));
                assertThat(counter).isGreaterThanOrEqualTo(a.counter).isLessThanOrEqualTo(a.counter + 1);
                List<String> list = jedis.lrange("list:" + t, 0, -1);
                assertThat((long) list.size()).isBetween(a.listLength, a.listLength + 1);
                for (int i = 0; i < a.listLength; i++) {
                    assertThat(list.get(i)).isEqualTo(Integer.toString(i));
                }
                for (int f : a.hashFields) {
                    assertThat(jedis.hget("h:" + t, "f" + f)).isEqualTo(Integer.toString(f));
                }
            }
        } finally {
            stop(again);
        }
    }

    @Test
    void cleanShutdownAndRestartKeepsData() throws Exception {
        Path dataDir = tmp.resolve("clean");
        int port = freePort();
        Path config = config(port, dataDir, "everysec");
        Process gateway = start(config, port);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.set("greeting", "hello");
            jedis.expire("greeting", 3600);
            jedis.rpush("l", "a", "b");
            jedis.zadd("z", 2.5, "m");
            jedis.sadd("s", "x");
            jedis.select(3);
            jedis.set("in-db-3", "yes");
        }
        stop(gateway);
        Process again = start(config, port);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            assertThat(jedis.get("greeting")).isEqualTo("hello");
            assertThat(jedis.ttl("greeting")).isBetween(3500L, 3600L);
            assertThat(jedis.lrange("l", 0, -1)).containsExactly("a", "b");
            assertThat(jedis.zscore("z", "m")).isEqualTo(2.5);
            assertThat(jedis.smembers("s")).containsExactly("x");
            jedis.select(3);
            assertThat(jedis.get("in-db-3")).isEqualTo("yes");
        } finally {
            stop(again);
        }
    }

    private static void write(int port, int t, Acked a, AtomicBoolean stop) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                String v = "v" + i;
                jedis.set("k:" + t + ":" + i, v);
                a.sets.put(i, v);
                a.counter = jedis.incr("ctr:" + t);
                a.listLength = jedis.rpush("list:" + t, Integer.toString(i));
                jedis.hset("h:" + t, "f" + i, Integer.toString(i));
                a.hashFields.add(i);
            }
        } catch (RuntimeException expected) {
            // the gateway was killed mid-command: that command is not acknowledged
        }
    }

    /** A gateway config on {@code port}; {@code fsync} "default" leaves the key out. */
    private Path config(int port, Path dataDir, String fsync) throws IOException {
        Path file = tmp.resolve("gateway-" + port + "-" + fsync + ".yaml");
        String policy = fsync.equals("default") ? "" : ", fsync: " + fsync;
        Files.writeString(file, """
                admin: {host: 127.0.0.1, port: %d}
                listeners:
                  - {name: redis, protocol: redis, host: 127.0.0.1, port: %d}
                backends:
                  - {name: embedded, type: embedded, dataDir: "%s"%s}
                routes:
                  - {listener: redis, backend: embedded}
                """.formatted(freePort(), port, dataDir.toAbsolutePath(), policy));
        return file;
    }

    private Process start(Path config, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.trustgate.gateway.bootstrap.Main", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("gateway-" + port + ".log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("gateway exited; see its log in " + tmp).isTrue();
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                if ("PONG".equals(jedis.ping())) {
                    return p;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("gateway did not answer PING within 30 s");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: the graceful path
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
