package io.trustgate.gateway.bootstrap;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.config.ConfigLoader;
import io.trustgate.gateway.config.TrustgateConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole server from a YAML file: listeners, admin endpoints, metrics, readiness and graceful shutdown. */
class TrustgateServerIT {

    private final HttpClient http = HttpClient.newHttpClient();

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Path config(int redisPort, int adminPort, String backendAddress) throws IOException {
        Path file = Files.createTempFile("trustgate", ".yaml");
        Files.writeString(file, """
                admin:
                  host: 127.0.0.1
                  port: %d
                shutdown:
                  grace: 5s
                listeners:
                  - name: redis
                    protocol: redis
                    host: 127.0.0.1
                    port: %d
                backends:
                  - name: local
                    type: redis
                    address: "%s"
                    connectTimeout: 500ms
                routes:
                  - listener: redis
                    backend: local
                """.formatted(adminPort, redisPort, backendAddress));
        return file;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String call(Socket s, String inline) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line.startsWith("$") && !line.equals("$-1")) {
            return in.readLine();
        }
        return line;
    }

    @Test
    void servesRedisAndReportsHealthReadinessAndMetrics() throws Exception {
        int redisPort = freePort();
        int adminPort = freePort();
        TrustgateConfig config = ConfigLoader.load(config(redisPort, adminPort, "127.0.0.1:6379"), Map.of());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (TrustgateServer server = new TrustgateServer(config, registry)) {
            server.start();
            assertThat(server.port("redis")).isEqualTo(redisPort);
            try (Socket s = new Socket("127.0.0.1", redisPort)) {
                s.setSoTimeout(5000);
                assertThat(call(s, "SET it:server:k hello")).isEqualTo("+OK");
                assertThat(call(s, "GET it:server:k")).isEqualTo("hello");
                assertThat(call(s, "DEL it:server:k")).isEqualTo(":1");
            }
            assertThat(get(adminPort, "/health").statusCode()).isEqualTo(200);
            for (int i = 0; i < 50 && get(adminPort, "/ready").statusCode() != 200; i++) {
                Thread.sleep(100);
            }
            assertThat(get(adminPort, "/ready").statusCode()).isEqualTo(200);
            String metrics = get(adminPort, "/metrics").body();
            assertThat(metrics).contains("trustgate_redis_commands_total{command=\"set\",listener=\"redis\"} 1.0");
            assertThat(metrics).contains("trustgate_redis_command_duration_seconds_count{backend=\"local\",listener=\"redis\",route=\"default\"} 3");
            assertThat(metrics).contains("trustgate_redis_connections_accepted_total{listener=\"redis\"} 1.0");
        }
    }

    @Test
    void servesEveryConnectionOnTheConfiguredEventLoopThreads() throws Exception {
        int redisPort = freePort();
        Path file = config(redisPort, freePort(), "127.0.0.1:6379");
        Files.writeString(file, Files.readString(file).replace("listeners:", "eventLoop:\n  threads: 1\nlisteners:"));
        TrustgateConfig config = ConfigLoader.load(file, Map.of());
        assertThat(config.eventLoopThreads()).isEqualTo(1);
        Set<String> before = ioThreads();
        List<Socket> sockets = new ArrayList<>();
        try (TrustgateServer server = new TrustgateServer(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            server.start();
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket("127.0.0.1", redisPort);
                s.setSoTimeout(5000);
                sockets.add(s);
                assertThat(call(s, "SET it:loops:" + i + " v" + i)).isEqualTo("+OK");
            }
            for (int i = 0; i < 4; i++) {
                assertThat(call(sockets.get(i), "GET it:loops:" + i)).isEqualTo("v" + i);
                assertThat(call(sockets.get(i), "DEL it:loops:" + i)).isEqualTo(":1");
            }
            Set<String> started = ioThreads();
            started.removeAll(before);
            // Netty hands channels to the group's threads in turn: four clients and a backend connection would
            // have used two threads of a larger group.
            assertThat(started).hasSize(1);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** The live event-loop threads of every gateway in this JVM, by name. */
    private static Set<String> ioThreads() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("trustgate-io-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @Test
    void isNotReadyWhileItsBackendIsDown() throws Exception {
        int adminPort = freePort();
        int deadPort = freePort();
        TrustgateConfig config = ConfigLoader.load(config(freePort(), adminPort, "127.0.0.1:" + deadPort), Map.of());
        try (TrustgateServer server = new TrustgateServer(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            server.start();
            Thread.sleep(700);
            HttpResponse<String> ready = get(adminPort, "/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(get(adminPort, "/health").statusCode()).isEqualTo(200);
            try (Socket s = new Socket("127.0.0.1", server.port("redis"))) {
                s.setSoTimeout(5000);
                assertThat(call(s, "GET k")).isEqualTo("-ERR backend 'local' unavailable");
            }
        }
    }

    @Test
    void closeLetsInFlightCommandsFinishThenClosesClients() throws Exception {
        TrustgateConfig config = ConfigLoader.load(config(freePort(), freePort(), "127.0.0.1:6379"), Map.of());
        TrustgateServer server = new TrustgateServer(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.start();
        int port = server.port("redis");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("BLPOP it:server:never 1\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(200);
            long start = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("*-1");
            closing.get(10, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(500);
            assertThat(in.read()).isEqualTo(-1);
        }
        try (Socket refused = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> refused.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void sigtermStopsTheProcessCleanly() throws Exception {
        int redisPort = freePort();
        Path config = config(redisPort, freePort(), "127.0.0.1:6379");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.start();
        try {
            boolean up = false;
            for (int i = 0; i < 150 && !up; i++) {
                try (Socket s = new Socket("127.0.0.1", redisPort)) {
                    s.setSoTimeout(5000);
                    up = call(s, "PING").equals("+PONG");
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(up).as("gateway came up; output:%n%s", output).isTrue();
            // SIGTERM, as an init system or `kill` sends it.
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            assertThat(process.exitValue()).as("exit code; output:%n%s", output).isIn(0, 143);
            synchronized (output) {
                assertThat(output.toString()).contains("trustgate stopped");
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
