package io.trustgate.s3.http;

import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.InMemoryBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The idle and request-body timeouts on a real loopback socket, with a one-second timeout so a test takes seconds.
 * Clients read with a 10 s socket timeout, so a missing close or response fails instead of hanging.
 */
class ConnectionTimeoutsTest {

    static InMemoryBlobStore store;
    static S3TestServerAccess server;
    /** Signs request heads before a test connects, so that signing time never counts as idle time. */
    static RawS3Client signer;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryBlobStore(5);
        store.createBucket("tg-timeouts");
        server = new S3TestServerAccess(store, S3ListenerSettings.of("timeouts", List.of(), Map.of("ak", "sk"),
                List.of()).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        signer = client();
        signer.head("GET", "/tg-timeouts", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        signer.close();
        server.close();
    }

    private static RawS3Client client() throws Exception {
        return new RawS3Client(server.port(), "ak", "sk");
    }

    @Test
    void aStalledBodyGetsRequestTimeoutAndStoresNothing() throws Exception {
        String head = signer.head("PUT", "/tg-timeouts/stalled", Map.of("Content-Length", "100"));
        try (RawS3Client c = client()) {
            c.send(head);
            c.send("only ten b");
            String response = c.response();
            assertThat(response).startsWith("HTTP/1.1 400").contains("<Code>RequestTimeout</Code>")
                    .containsIgnoringCase("connection: close");
            assertThat(c.closedByServer()).isTrue();
        }
        Throwable missing = catchThrowable(() -> store.headObject("tg-timeouts", "stalled").toCompletableFuture()
                .join());
        assertThat(BlobStoreException.from(missing).code()).isEqualTo("NoSuchKey");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedWithoutAResponse() throws Exception {
        String head = signer.head("HEAD", "/tg-timeouts", Map.of());
        try (RawS3Client c = client()) {
            c.send(head);
            assertThat(c.response()).startsWith("HTTP/1.1 200");
            assertThat(c.closedByServer()).as("closed after the idle timeout, nothing sent").isTrue();
        }
    }

    @Test
    void aRequestHeadThatNeverEndsIsClosed() throws Exception {
        try (RawS3Client c = client()) {
            c.send("GET /tg-timeouts HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aSteadyUploadLongerThanTheTimeoutIsNotCut() throws Exception {
        String head = signer.head("PUT", "/tg-timeouts/steady", Map.of("Content-Length", "20"));
        try (RawS3Client c = client()) {
            c.send(head);
            for (int i = 0; i < 20; i++) {
                c.send("x");
                Thread.sleep(120);
            }
            assertThat(c.response()).startsWith("HTTP/1.1 200");
        }
        assertThat(store.headObject("tg-timeouts", "steady").toCompletableFuture().join().size()).isEqualTo(20);
    }
}
