package io.trustgate.s3.passthrough;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class StreamedBodyTest {

    /** Records what the body hands on; requests only when told. */
    static final class Recorder implements Subscriber<ByteBuffer> {
        final List<String> received = new ArrayList<>();
        Subscription subscription;
        boolean completed;
        Throwable error;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ByteBuffer b) {
            received.add(StandardCharsets.UTF_8.decode(b).toString());
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    private static CompletionStage<Void> write(StreamedBody body, String s) {
        return body.write(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    @Test
    void writeCompletesOnlyWhenTheUpstreamAsksForMore() {
        StreamedBody body = new StreamedBody(-1);
        Recorder r = new Recorder();
        body.subscribe(r);
        CompletableFuture<Void> first = write(body, "ab").toCompletableFuture();
        assertThat(first).isNotDone();
        r.subscription.request(1);
        assertThat(r.received).containsExactly("ab");
        assertThat(first).as("no demand left yet").isNotDone();
        r.subscription.request(1);
        assertThat(first).isCompleted();
        body.finish();
        assertThat(r.completed).isTrue();
    }

    @Test
    void holdsTheChunkCompletingTheDeclaredLengthUntilFinish() {
        StreamedBody body = new StreamedBody(4);
        Recorder r = new Recorder();
        body.subscribe(r);
        r.subscription.request(10);
        assertThat(write(body, "ab").toCompletableFuture()).isCompleted();
        CompletableFuture<Void> last = write(body, "cd").toCompletableFuture();
        assertThat(last).as("accepted, so the server can verify and commit").isCompleted();
        assertThat(r.received).as("but not sent before the digest was checked").containsExactly("ab");
        body.finish();
        assertThat(r.received).containsExactly("ab", "cd");
        assertThat(r.completed).isTrue();
    }

    @Test
    void abortFailsTheUpstreamBodyAndNeverSendsTheLastChunk() {
        StreamedBody body = new StreamedBody(4);
        Recorder r = new Recorder();
        body.subscribe(r);
        r.subscription.request(10);
        write(body, "ab");
        write(body, "cd");
        body.abort(new java.io.IOException("client gone"));
        assertThat(r.received).containsExactly("ab");
        assertThat(r.error).hasMessage("client gone");
        assertThat(write(body, "ef").toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void cancelAfterTheWholeLengthIsANormalEnd() {
        StreamedBody body = new StreamedBody(2);
        Recorder r = new Recorder();
        body.subscribe(r);
        r.subscription.request(1);
        CompletableFuture<Void> w = write(body, "ab").toCompletableFuture();
        body.finish();
        r.subscription.cancel();
        assertThat(w).isCompleted();
        assertThat(r.error).isNull();
    }

    @Test
    void cancelAfterSomeBytesFailsThePendingWrite() {
        StreamedBody body = new StreamedBody(10);
        Recorder r = new Recorder();
        body.subscribe(r);
        r.subscription.request(1);
        write(body, "ab");
        CompletableFuture<Void> w = write(body, "cd").toCompletableFuture();
        r.subscription.cancel();
        assertThat(w).isCompletedExceptionally();
    }

    @Test
    void cancelBeforeAnyByteLetsARetrySubscribeAgain() {
        StreamedBody body = new StreamedBody(4);
        Recorder first = new Recorder();
        body.subscribe(first);
        CompletableFuture<Void> w = write(body, "ab").toCompletableFuture();
        first.subscription.cancel();
        assertThat(w).isNotDone();
        Recorder retry = new Recorder();
        body.subscribe(retry);
        retry.subscription.request(5);
        assertThat(w).isCompleted();
        write(body, "cd");
        body.finish();
        assertThat(retry.received).containsExactly("ab", "cd");
        assertThat(retry.completed).isTrue();
    }
}
