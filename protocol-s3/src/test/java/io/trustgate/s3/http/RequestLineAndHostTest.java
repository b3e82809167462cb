package io.trustgate.s3.http;

import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import io.trustgate.s3.spi.InMemoryBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request line and Host header as RFC 9112 wants them: an HTTP version the server does not speak is 505, an
 * HTTP/1.1 request without exactly one valid Host is 400 (HTTP/1.0 may leave it out); both close the connection.
 * Each runs on NIO and on epoll; these answers come before routing, so no backend sees such a request.
 */
class RequestLineAndHostTest {

    static InMemoryBlobStore store;
    static S3TestServerAccess nio;
    static S3TestServerAccess epoll;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryBlobStore(5);
        store.createBucket("public-lines");
        // Anonymous reads of public-* buckets: a request without Host needs no signature to get past the checks.
        S3ListenerSettings settings = S3ListenerSettings.of("lines", List.of(), Map.of("ak", "sk"),
                List.of("public-*"));
        nio = new S3TestServerAccess(store, settings, false);
        epoll = new S3TestServerAccess(store, settings, true);
        try (RawS3Client c = client(false)) {
            c.send(c.head("PUT", "/public-lines/k", Map.of("Content-Length", "5")) + "hello");
            assertThat(c.response()).startsWith("HTTP/1.1 200");
        }
    }

    @AfterAll
    static void stop() {
        nio.close();
        epoll.close();
    }

    private static RawS3Client client(boolean onEpoll) throws Exception {
        return new RawS3Client((onEpoll ? epoll : nio).port(), "ak", "sk");
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void anHttp11RequestWithoutHostIs400AndCloses(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send("GET /public-lines/k HTTP/1.1\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>InvalidRequest</Code>")
                    .contains("Host").containsIgnoringCase("connection: close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void aSignedHttp11RequestWithoutHostIs400NotASignatureError(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            String head = c.head("GET", "/public-lines/k", Map.of());
            c.send(head.replaceFirst("(?im)^Host: [^\r\n]*\r\n", ""));
            assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>InvalidRequest</Code>");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void twoHostHeadersAre400(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send("GET /public-lines/k HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>InvalidRequest</Code>");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawS3Client c = client(onEpoll)) {
            c.send("GET /public-lines/k HTTP/1.0\r\nHost: a.example\r\nHost: b.example\r\n\r\n");
            assertThat(c.response()).as("more than one Host is refused in HTTP/1.0 too").startsWith("HTTP/1.1 400");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a b", "bucket/x", "user@127.0.0.1", "127.0.0.1:80x", "[::1", "[zz::1]", "h?q", "h#f"})
    void anInvalidHostIs400(String host) throws Exception {
        for (boolean onEpoll : new boolean[] {false, true}) {
            try (RawS3Client c = client(onEpoll)) {
                c.send("GET /public-lines/k HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>InvalidRequest</Code>");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:9000", "localhost", "s3.example.com:443", "[::1]:80", "[::1]",
            "my_host.local", ""})
    void aValidHostIsServed(String host) throws Exception {
        try (RawS3Client c = client(true)) {
            c.send("GET /public-lines/k HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 200").endsWith("hello");
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void anHttp10RequestWithoutHostIsServedPathStyle(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send("GET /public-lines/k HTTP/1.0\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 200").endsWith("hello");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/9.9", "HTTP/2.0", "HTTP/0.9", "HTTP/3.0"})
    void anUnsupportedHttpVersionIs505AndCloses(String version) throws Exception {
        for (boolean onEpoll : new boolean[] {false, true}) {
            try (RawS3Client c = client(onEpoll)) {
                c.send("GET /public-lines/k " + version + "\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(c.response()).startsWith("HTTP/1.1 505")
                        .contains("<Code>HttpVersionNotSupported</Code>").contains("HTTP/1.0").contains("HTTP/1.1")
                        .containsIgnoringCase("connection: close");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void anUnsupportedVersionWithABodyIs505BeforeTheBody(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send("PUT /public-lines/v HTTP/2.0\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 505");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(store.headObject("public-lines", "v").toCompletableFuture().handle((v, e) -> e).join())
                .as("nothing stored").isNotNull();
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void aLaterHttp1MinorVersionIsServedAsHttp11(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send("GET /public-lines/k HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 200").endsWith("hello");
            c.send("GET /public-lines/k HTTP/1.2\r\n\r\n");
            assertThat(c.response()).as("Host is required as in HTTP/1.1").startsWith("HTTP/1.1 400");
        }
    }
}
