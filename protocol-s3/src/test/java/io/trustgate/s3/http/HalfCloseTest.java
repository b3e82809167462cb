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
 * A client that half-closes its side (sends its requests, then end of input, as {@code nc -N} or a shell pipe does)
 * still reads every answer, and then the server closes; a body cut short by the half-close is 400 IncompleteBody.
 */
class HalfCloseTest {

    static InMemoryBlobStore store;
    static S3TestServerAccess nio;
    static S3TestServerAccess epoll;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryBlobStore(5);
        store.createBucket("tg-half");
        S3ListenerSettings settings = S3ListenerSettings.of("half", List.of(), Map.of("ak", "sk"), List.of());
        nio = new S3TestServerAccess(store, settings, false);
        epoll = new S3TestServerAccess(store, settings, true);
    }

    @AfterAll
    static void stop() {
        nio.close();
        epoll.close();
    }

    private RawS3Client client(boolean onEpoll) throws Exception {
        return new RawS3Client((onEpoll ? epoll : nio).port(), "ak", "sk");
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void requestsSentBeforeTheHalfCloseAreAllAnswered(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send(c.head("PUT", "/tg-half/a", Map.of("Content-Length", "5")) + "hello"
                    + c.head("GET", "/tg-half/a", Map.of()) + c.head("GET", "/tg-half/missing", Map.of()));
            c.shutdownOutput();
            assertThat(c.response()).startsWith("HTTP/1.1 200");
            assertThat(c.response()).startsWith("HTTP/1.1 200").endsWith("hello");
            assertThat(c.response()).startsWith("HTTP/1.1 404").contains("<Code>NoSuchKey</Code>");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void aSingleRequestAndTheHalfCloseAtOnceIsAnswered(boolean onEpoll) throws Exception {
        for (int i = 0; i < 20; i++) {
            try (RawS3Client c = client(onEpoll)) {
                c.send(c.head("GET", "/tg-half/missing", Map.of()));
                c.shutdownOutput();
                assertThat(c.response()).startsWith("HTTP/1.1 404").contains("<Code>NoSuchKey</Code>");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void aBodyCutShortByTheHalfCloseIsIncompleteBody(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send(c.head("PUT", "/tg-half/short" + onEpoll, Map.of("Content-Length", "10")) + "hello");
            c.shutdownOutput();
            assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>IncompleteBody</Code>");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(store.headObject("tg-half", "short" + onEpoll).toCompletableFuture().handle((v, e) -> e).join())
                .as("nothing stored").isNotNull();
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void aPipelinedBodyCutShortByTheHalfCloseIsIncompleteBody(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send(c.head("PUT", "/tg-half/whole" + onEpoll, Map.of("Content-Length", "5")) + "hello"
                    + c.head("PUT", "/tg-half/cut" + onEpoll, Map.of("Content-Length", "10")) + "hello");
            c.shutdownOutput();
            assertThat(c.response()).startsWith("HTTP/1.1 200");
            assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>IncompleteBody</Code>");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(store.headObject("tg-half", "cut" + onEpoll).toCompletableFuture().handle((v, e) -> e).join())
                .as("nothing stored").isNotNull();
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void anIdleConnectionThatHalfClosesIsClosed(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send(c.head("GET", "/tg-half/missing", Map.of()));
            assertThat(c.response()).startsWith("HTTP/1.1 404");
            c.shutdownOutput();
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
