package io.trustgate.s3.http;

import io.netty.buffer.ByteBuf;
import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.InMemoryBlobStore;
import io.trustgate.s3.spi.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that resets its connection in the middle of an upload while the backend is still opening the writer (the filesystem backend creates its
 * staging file on an IO thread): once the writer arrives, the server must abort it, or the backend keeps a staging
 * file forever.
 */
class DroppedBeforeWriterTest {

    @Test
    void aWriterThatOpensAfterTheClientLeftIsAborted() throws Exception {
        {
            InMemoryBlobStore memory = new InMemoryBlobStore(5);
            memory.createBucket("tg-late");
            CompletableFuture<Void> gate = new CompletableFuture<>();
            CompletableFuture<Boolean> aborted = new CompletableFuture<>();
            BlobStore store = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                    new Class<?>[] {BlobStore.class}, (proxy, method, args) -> {
                        try {
                            Object result = method.invoke(memory, args);
                            if (!method.getName().equals("putObject")) {
                                return result;
                            }
                            @SuppressWarnings("unchecked")
                            CompletionStage<BlobWriter<ObjectInfo>> opened =
                                    (CompletionStage<BlobWriter<ObjectInfo>>) result;
                            return gate.thenCompose(v -> opened).thenApply(w -> watched(w, aborted));
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            try (S3TestServerAccess server = new S3TestServerAccess(store, S3ListenerSettings.of("late", List.of(),
                    Map.of("ak", "sk"), List.of()))) {
                try (RawS3Client c = new RawS3Client(server.port(), "ak", "sk")) {
                    c.send(c.head("PUT", "/tg-late/dropped", Map.of("Content-Length", "100000")));
                    c.send(new byte[30_000]);
                    c.reset(); // a reset is seen at once, even while the server is not reading
                }
                for (int i = 0; i < 500 && server.inFlight() != 0; i++) {
                    Thread.sleep(10); // the server has seen the close once the request is no longer in flight
                }
                assertThat(server.inFlight()).isZero();
                gate.complete(null);
                assertThat(aborted.get(10, TimeUnit.SECONDS)).as("writer aborted")
                        .isTrue();
                assertThat(memory.headObject("tg-late", "dropped").toCompletableFuture().handle((v, e) -> e)
                        .join()).isNotNull();
            }
        }
    }

    private static BlobWriter<ObjectInfo> watched(BlobWriter<ObjectInfo> writer, CompletableFuture<Boolean> aborted) {
        return new BlobWriter<>() {
            @Override
            public CompletionStage<Void> write(ByteBuf chunk) {
                return writer.write(chunk);
            }

            @Override
            public CompletionStage<ObjectInfo> commit(BodyDigest digest) {
                aborted.complete(false);
                return writer.commit(digest);
            }

            @Override
            public void abort() {
                aborted.complete(true);
                writer.abort();
            }
        };
    }
}
