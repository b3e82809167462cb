package io.trustgate.s3.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.trustgate.s3.S3Frontend;
import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.route.BucketRouter;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.InMemoryBlobStore;
import io.trustgate.s3.spi.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client whose connection closes in the middle of an upload while the backend is still opening the writer (the
 * filesystem backend creates its staging file on an IO thread): once the writer arrives the server must abort it,
 * or the backend keeps that staging file forever. Driven on an {@link EmbeddedChannel} so that the order (request,
 * close, then writer) is exact.
 */
class DroppedBeforeWriterTest {

    @Test
    void aWriterThatOpensAfterTheConnectionClosedIsAborted() throws Exception {
        InMemoryBlobStore memory = new InMemoryBlobStore(5);
        memory.createBucket("tg-late");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        BlobStore store = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                new Class<?>[] {BlobStore.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(memory, args);
                        if (!method.getName().equals("putObject")) {
                            return result;
                        }
                        @SuppressWarnings("unchecked")
                        CompletionStage<BlobWriter<ObjectInfo>> opened = (CompletionStage<BlobWriter<ObjectInfo>>) result;
                        return gate.thenCompose(v -> opened).thenApply(w -> watched(w, outcome));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        S3Frontend frontend = new S3Frontend(S3ListenerSettings.of("late", List.of(), Map.of("ak", "sk"), List.of()),
                List.of(new BucketRouter.Route("all", "*", "memory", store)), new SimpleMeterRegistry());
        String head;
        try (ServerSocket signerOnly = new ServerSocket(0);
             RawS3Client signer = new RawS3Client(signerOnly.getLocalPort(), "ak", "sk")) {
            head = signer.head("PUT", "/tg-late/dropped", Map.of("Content-Length", "100000"));
        }
        EmbeddedChannel channel = new EmbeddedChannel(frontend.channelInitializer());
        channel.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII),
                Unpooled.wrappedBuffer(new byte[30_000]));
        channel.runPendingTasks();
        assertThat(frontend.inFlight()).as("the PUT waits for its writer").isEqualTo(1);

        channel.close();
        channel.runPendingTasks();
        gate.complete(null);
        channel.runPendingTasks();

        assertThat(outcome).as("what became of the writer").isCompletedWithValue("aborted");
        assertThat(memory.headObject("tg-late", "dropped").toCompletableFuture().handle((v, e) -> e).join())
                .isNotNull();
        channel.finishAndReleaseAll();
    }

    private static BlobWriter<ObjectInfo> watched(BlobWriter<ObjectInfo> writer, CompletableFuture<String> outcome) {
        return new BlobWriter<>() {
            @Override
            public CompletionStage<Void> write(ByteBuf chunk) {
                return writer.write(chunk);
            }

            @Override
            public CompletionStage<ObjectInfo> commit(BodyDigest digest) {
                outcome.complete("committed");
                return writer.commit(digest);
            }

            @Override
            public void abort() {
                outcome.complete("aborted");
                writer.abort();
            }
        };
    }
}
