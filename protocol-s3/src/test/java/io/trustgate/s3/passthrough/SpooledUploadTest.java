package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SpooledUpload} without an upstream: what commit hands on (the whole body, its length, the verified digest),
 * and that the spool file is gone after every ending: an upstream success or error, an abort while nothing or part
 * was sent (the client went away), a commit whose size does not match, and a send that throws.
 */
class SpooledUploadTest {

    private final BackendErrors errors = new BackendErrors(S3PassthroughSettings.of("spooled",
            URI.create("http://127.0.0.1:1"), "a", "s"));
    private Path dir;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("tg-spool-test");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> p.toFile().delete());
        }
        Files.delete(dir);
    }

    @Test
    void commitSendsTheWholeBodyWithItsLengthThenDeletesTheFile() throws Exception {
        AtomicReference<byte[]> sent = new AtomicReference<>();
        AtomicReference<BodyDigest> seen = new AtomicReference<>();
        AtomicReference<Long> filesWhileSent = new AtomicReference<>();
        BlobWriter<String> w = open((body, digest) -> {
            try {
                filesWhileSent.set(files());
                sent.set(drain(body));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
            assertThat(body.contentLength()).hasValue(11L);
            assertThat(body.contentType()).isEqualTo("binary/octet-stream");
            seen.set(digest);
            return CompletableFuture.completedFuture("etag");
        });
        ByteBuf a = Unpooled.copiedBuffer("hello ", StandardCharsets.US_ASCII);
        ByteBuf b = Unpooled.copiedBuffer("world", StandardCharsets.US_ASCII);
        w.write(a).toCompletableFuture().get(10, TimeUnit.SECONDS);
        w.write(b).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
        BodyDigest digest = new BodyDigest(11, null, List.of());
        assertThat(w.commit(digest).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("etag:11");
        assertThat(new String(sent.get(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        assertThat(seen.get()).isSameAs(digest);
        assertThat(filesWhileSent.get()).as("the spool file exists while the upstream reads it").isEqualTo(1);
        assertThat(files()).isZero();
    }

    @Test
    void anUpstreamErrorFailsTheCommitAndDeletesTheFile() throws Exception {
        BlobWriter<String> w = open((body, digest) -> CompletableFuture.failedFuture(
                new BlobStoreException("NoSuchBucket", 404, "The specified bucket does not exist")));
        w.write(Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> w.commit(new BodyDigest(1, null, List.of())).toCompletableFuture().join())
                .cause().isInstanceOfSatisfying(BlobStoreException.class,
                        e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
        assertThat(files()).isZero();
    }

    @Test
    void anAbortDeletesTheFileAndNothingIsSent() throws Exception {
        AtomicReference<Boolean> called = new AtomicReference<>(false);
        BlobWriter<String> w = open((body, digest) -> {
            called.set(true);
            return CompletableFuture.completedFuture("etag");
        });
        w.write(Unpooled.wrappedBuffer(new byte[300_000])).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(files()).isEqualTo(1);
        w.abort();
        w.abort();
        assertThat(files()).isZero();
        ByteBuf late = Unpooled.copiedBuffer("late", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> w.write(late).toCompletableFuture().join()).isNotNull();
        assertThat(late.refCnt()).isZero();
        assertThatThrownBy(() -> w.commit(new BodyDigest(300_000, null, List.of())).toCompletableFuture().join())
                .isNotNull();
        assertThat(called.get()).isFalse();
        assertThat(files()).isZero();
    }

    @Test
    void aCommitOfAnotherSizeIsIncompleteBodyAndDeletesTheFile() throws Exception {
        BlobWriter<String> w = open((body, digest) -> CompletableFuture.completedFuture("etag"));
        w.write(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> w.commit(new BodyDigest(4, null, List.of())).toCompletableFuture().join())
                .cause().isInstanceOfSatisfying(BlobStoreException.class,
                        e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
        assertThat(files()).isZero();
    }

    @Test
    void aSendThatThrowsFailsTheCommitAndDeletesTheFile() throws Exception {
        BlobWriter<String> w = open((body, digest) -> {
            throw new IllegalStateException("no client");
        });
        w.write(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> w.commit(new BodyDigest(3, null, List.of())).toCompletableFuture().join())
                .isNotNull();
        assertThat(files()).isZero();
    }

    private BlobWriter<String> open(java.util.function.BiFunction<AsyncRequestBody, BodyDigest,
            CompletableFuture<String>> send) throws Exception {
        return SpooledUpload.<String, String>open(dir, send, (etag, digest) -> etag + ":" + digest.size(), errors)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private long files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    /** Reads a request body the way an HTTP client does, to its end. */
    private static byte[] drain(AsyncRequestBody body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.write(bytes, 0, bytes.length);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        return out.toByteArray();
    }
}
