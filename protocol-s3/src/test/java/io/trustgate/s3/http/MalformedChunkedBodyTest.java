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
 * A {@code Transfer-Encoding: chunked} body whose framing breaks (a chunk size that is not hex) is not a body that
 * ended: the upload is refused with 400 and nothing is stored, and the connection closes (the HTTP decoder drops
 * everything after the bad frame, so nothing more can be read from it).
 */
class MalformedChunkedBodyTest {

    static InMemoryBlobStore store;
    static S3TestServerAccess server;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryBlobStore(5);
        store.createBucket("tg-bad");
        server = new S3TestServerAccess(store, S3ListenerSettings.of("bad", List.of(), Map.of("ak", "sk"),
                List.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\nhello\r\n0\r\n\r\n", "5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n",
            "-5\r\nhello\r\n0\r\n\r\n"})
    void aBadChunkSizeIsRefusedAndStoresNothing(String body) throws Exception {
        String key = "k" + Integer.toHexString(body.hashCode());
        for (String put : List.of("PUT", "PUT-after-continue")) {
            try (RawS3Client c = new RawS3Client(server.port(), "ak", "sk")) {
                boolean expect = put.endsWith("continue");
                c.send(c.head("PUT", "/tg-bad/" + key, expect
                        ? Map.of("Transfer-Encoding", "chunked", "Expect", "100-continue")
                        : Map.of("Transfer-Encoding", "chunked")));
                if (expect) {
                    assertThat(c.response()).startsWith("HTTP/1.1 100");
                }
                c.send(body);
                String response = c.response();
                assertThat(response).startsWith("HTTP/1.1 400").contains("<Code>IncompleteBody</Code>")
                        .containsIgnoringCase("connection: close");
                assertThat(c.closedByServer()).isTrue();
            }
            assertThat(store.headObject("tg-bad", key).toCompletableFuture().handle((v, e) -> e).join())
                    .as("nothing stored").isNotNull();
        }
    }
}
