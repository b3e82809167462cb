package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An upload body the server pushes chunk by chunk and the upstream HTTP client pulls by demand: at most one chunk
 * waits here, and {@link #write}'s stage completes only when the upstream asked for more, so a slow upstream slows
 * the client's socket down (the server stops reading while a write is pending).
 *
 * <p>The chunk that completes the declared length is held back until {@link #finish}: the server commits only
 * after it verified the body's MD5 and checksums, so an upstream never receives a whole body that failed them
 * (and aborts the request it received short).
 *
 * <p>Threads: {@link #write}, {@link #finish} and {@link #abort} come from the server (never concurrently with each
 * other); {@code request}/{@code cancel} come from the HTTP client's threads. State is guarded by {@code this};
 * subscriber signals are sent outside the lock.
 */
final class StreamedBody implements AsyncRequestBody {

    private final long length;
    private Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private long sent;
    private ByteBuffer pending;
    private CompletableFuture<Void> waiter;
    private boolean finishing;
    private boolean terminated;
    private Throwable failure;

    /** @param length the body's length when known in advance (sent as Content-Length), else -1 */
    StreamedBody(long length) {
        this.length = length;
    }

    @Override
    public Optional<Long> contentLength() {
        return length >= 0 ? Optional.of(length) : Optional.empty();
    }

    @Override
    public String contentType() {
        return "binary/octet-stream";
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> s) {
        Throwable early;
        synchronized (this) {
            if (subscriber != null) {
                s.onSubscribe(new NoSubscription());
                s.onError(new IllegalStateException("a streamed upload body can be sent only once at a time"));
                return;
            }
            subscriber = s;
            early = failure;
        }
        s.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                synchronized (StreamedBody.this) {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                drain();
            }

            @Override
            public void cancel() {
                // The HTTP client cancels as soon as it holds Content-Length bytes: that is the normal end. A
                // cancel before any byte was taken (a pooled connection found closed) leaves the body for a retry.
                if (!complete() && !detach(s)) {
                    fail(new IllegalStateException("the upstream stopped reading the upload"), false);
                }
            }
        });
        if (early != null) {
            s.onError(early);
        } else {
            drain();
        }
    }

    /** Hands on one chunk (copied, then released); the stage completes when the upstream wants the next. */
    CompletionStage<Void> write(ByteBuf chunk) {
        ByteBuffer copy;
        try {
            copy = ByteBuffer.allocate(chunk.readableBytes());
            chunk.readBytes(copy);
            copy.flip();
        } finally {
            chunk.release();
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            pending = copy;
            waiter = f;
        }
        drain();
        return f;
    }

    /** No more chunks: completes the upstream body once the last one was taken. */
    void finish() {
        synchronized (this) {
            finishing = true;
        }
        drain();
    }

    /** Fails the upstream body (the client went away, or the upload failed); idempotent. */
    void abort(Throwable cause) {
        fail(cause, true);
    }

    /** Forgets a subscriber that took nothing, so that a retried request can subscribe again. */
    private synchronized boolean detach(Subscriber<? super ByteBuffer> s) {
        if (sent > 0 || terminated || subscriber != s) {
            return false;
        }
        subscriber = null;
        demand = 0;
        return true;
    }

    /** True when the declared length was handed on; completes a pending write (the rest would be excess). */
    private boolean complete() {
        CompletableFuture<Void> w;
        synchronized (this) {
            if (length < 0 || sent < length || failure != null) {
                return false;
            }
            terminated = true;
            w = waiter;
            waiter = null;
        }
        if (w != null) {
            w.complete(null);
        }
        return true;
    }

    private void fail(Throwable cause, boolean signal) {
        Subscriber<? super ByteBuffer> s;
        CompletableFuture<Void> w;
        synchronized (this) {
            if (failure != null || terminated) {
                return;
            }
            failure = cause;
            terminated = true;
            pending = null;
            w = waiter;
            waiter = null;
            s = signal ? subscriber : null;
        }
        if (w != null) {
            w.completeExceptionally(cause);
        }
        if (s != null) {
            s.onError(cause);
        }
    }

    private void drain() {
        while (true) {
            Subscriber<? super ByteBuffer> s;
            ByteBuffer send = null;
            CompletableFuture<Void> ready = null;
            boolean complete = false;
            synchronized (this) {
                s = subscriber;
                if (s == null || terminated) {
                    return;
                }
                boolean last = pending != null && length >= 0 && sent + pending.remaining() >= length;
                if (pending != null && demand > 0 && (!last || finishing)) {
                    send = pending;
                    sent += send.remaining();
                    pending = null;
                    demand--;
                } else if (waiter != null && (pending == null ? demand > 0 : last)) {
                    ready = waiter;
                    waiter = null;
                } else if (pending == null && waiter == null && finishing) {
                    terminated = true;
                    complete = true;
                } else {
                    return;
                }
            }
            if (send != null) {
                s.onNext(send);
            } else if (ready != null) {
                ready.complete(null);
            } else if (complete) {
                s.onComplete();
                return;
            }
        }
    }

    private static final class NoSubscription implements Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
