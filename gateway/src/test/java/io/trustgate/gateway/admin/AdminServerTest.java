package io.trustgate.gateway.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminServerTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private EventLoopGroup group;
    private AdminServer server;

    @BeforeEach
    void startServer() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new AdminServer("127.0.0.1", 0, registry, ready::get, group, NioServerSocketChannel.class);
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        registry.close();
    }

    @Test
    void healthAnswersUp() throws Exception {
        HttpResponse<String> r = get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(r.headers().firstValue("content-type")).contains("application/json");
    }

    @Test
    void readyFollowsTheSupplier() throws Exception {
        HttpResponse<String> notReady = get("/ready");
        ready.set(true);
        HttpResponse<String> nowReady = get("/ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("{\"status\":\"NOT_READY\"}");
        assertThat(nowReady.statusCode()).isEqualTo(200);
        assertThat(nowReady.body()).isEqualTo("{\"status\":\"READY\"}");
    }

    @Test
    void metricsServesPrometheusTextOfTheRegistry() throws Exception {
        Counter counter = Counter.builder("admin.test.hits").register(registry);
        counter.increment(3);

        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("# TYPE admin_test_hits_total counter").contains("admin_test_hits_total 3.0");
    }

    @Test
    void ignoresTheQueryString() throws Exception {
        assertThat(get("/health?verbose=1").statusCode()).isEqualTo(200);
    }

    @Test
    void answersUnknownPathsWith404() throws Exception {
        HttpResponse<String> r = get("/admin");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("/health");
    }

    @Test
    void answersOtherMethodsWith405AndAllow() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).contains("GET");
    }

    @Test
    void rejectsOversizedRequestBodies() throws Exception {
        String body = "x".repeat(AdminServer.MAX_REQUEST_BYTES + 1);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/health"))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void servesManyRequestsOnOneKeptAliveConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get("/health").statusCode()).isEqualTo(200);
        }
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void startFailsNamingTheAddressWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            AdminServer clash = new AdminServer("127.0.0.1", taken.getLocalPort(), registry, ready::get, group,
                    NioServerSocketChannel.class);

            assertThatThrownBy(clash::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("admin HTTP server cannot bind 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }

    @Test
    void closeStopsListening() throws InterruptedException {
        int port = server.localAddress().getPort();
        server.close();

        // NIO releases a closed listening socket at the selector's next wakeup, so allow a moment.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (ConnectException expected) {
                refused = true;
            } catch (IOException other) {
                Thread.sleep(20);
            }
        }
        assertThat(refused).as("connections to port %d refused after close", port).isTrue();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.localAddress().getPort() + path);
    }
}
