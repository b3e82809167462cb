package io.trustgate.translators.s3.azure;

import com.sun.net.httpserver.HttpServer;
import io.trustgate.s3.spi.ListObjectsRequest;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure client's retry policy, against a local HTTP server that answers every request with 500: a failing
 * call is tried {@link AzureBlobStore#RETRIES}' max tries, spaced by a short exponential backoff, and then answered
 * as InternalError within a few seconds (the SDK's default, 4 tries from 4 s apart, took about 16 s). A first
 * call warms the client up (its start-up is not what is measured).
 */
class AzureRetryTest {

    @Test
    void aPersistent500IsTriedABoundedNumberOfTimesAndFailsWithinSeconds() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/devstoreaccount1";
        try (AzureBlobStore store = AzureBlobStore.open(new AzureStoreConfig(AzureStoreConfig.connectionString(
                "devstoreaccount1", "ZmFrZS1rZXk=", endpoint), 64 * 1024, 1))) {
            errorCode(store.headBucket("warm-up"));
            requests.set(0);
            long start = System.nanoTime();
            String code = errorCode(store.listObjects(new ListObjectsRequest("bkt", "", null, "", 10)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(code).isEqualTo("InternalError");
            assertThat(requests.get()).as("tries").isEqualTo(AzureBlobStore.RETRIES.getMaxTries());
            assertThat(millis).as("ms until the error").isLessThan(5_000);
        } finally {
            server.stop(0);
        }
    }
}
