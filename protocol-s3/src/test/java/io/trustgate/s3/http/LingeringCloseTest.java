package io.trustgate.s3.http;

import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import io.trustgate.s3.spi.InMemoryBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer given before the request body arrived (here: a bad signature) reaches a client that writes its whole
 * body before reading, as clients without {@code Expect: 100-continue} do, instead of a connection reset; and the
 * connection still ends when such a client goes on sending.
 */
class LingeringCloseTest {

    static InMemoryBlobStore store;
    static S3TestServerAccess server;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryBlobStore(5);
        store.createBucket("tg-linger");
        server = new S3TestServerAccess(store, S3ListenerSettings.of("linger", List.of(), Map.of("ak", "sk"),
                List.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientThatSendsItsWholeBodyFirstReadsTheError() throws Exception {
        int size = 32 * 1024 * 1024;
        try (RawS3Client c = new RawS3Client(server.port(), "ak", "wrong-secret")) {
            c.send(c.head("PUT", "/tg-linger/big", Map.of("Content-Length", Integer.toString(size))));
            byte[] piece = new byte[256 * 1024];
            for (int sent = 0; sent < size; sent += piece.length) {
                c.send(piece); // closing at once made these writes fail with a reset, and the answer was lost
            }
            String response = c.response();
            assertThat(response).startsWith("HTTP/1.1 403").contains("<Code>SignatureDoesNotMatch</Code>")
                    .containsIgnoringCase("connection: close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(store.headObject("tg-linger", "big").toCompletableFuture().handle((i, e) -> e).join())
                .as("nothing was stored").isNotNull();
    }

    @Test
    void aClientThatNeverStopsSendingIsCutOffAfterTheLinger() throws Exception {
        try (RawS3Client c = new RawS3Client(server.port(), "ak", "wrong-secret")) {
            c.send(c.head("PUT", "/tg-linger/endless", Map.of("Content-Length", Long.toString(1L << 40))));
            c.send(new byte[64 * 1024]);
            assertThat(c.response()).startsWith("HTTP/1.1 403");
            byte[] piece = new byte[64 * 1024];
            long deadline = System.nanoTime() + 6 * S3ServerHandler.LINGER_MILLIS * 1_000_000L;
            IOException cutOff = null;
            while (cutOff == null && System.nanoTime() < deadline) {
                try {
                    c.send(piece);
                    Thread.sleep(50);
                } catch (IOException e) {
                    cutOff = e;
                }
            }
            assertThat(cutOff).as("the server closed the connection while the client was still sending").isNotNull();
        }
    }
}
