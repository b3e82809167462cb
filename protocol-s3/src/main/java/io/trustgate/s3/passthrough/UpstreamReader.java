package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.ObjectInfo;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

/**
 * An upstream GetObject whose body is pulled as the server reads: at most {@link #WINDOW} bytes are read ahead of
 * the server, so the upstream connection is read no faster than the client's socket drains. A read at another position than where the stream stands (a ranged GET, or a copy of a part)
 * drops the stream and opens {@code Range: bytes=position-} pinned to the opened version with {@code If-Match}.
 */
final class UpstreamReader implements BlobReader {

    /** Upstream bytes that may wait here for the client's socket. */
    static final long WINDOW = 256 * 1024;

    private final ObjectInfo info;
    private final LongFunction<CompletableFuture<ResponsePublisher<GetObjectResponse>>> reopen;
    private final BackendErrors errors;
    private Stream stream;
    private boolean closed;

    /**
     * @param info   attributes of the opened version
     * @param first  the body of the whole-object GET that opened it (position 0)
     * @param reopen opens the same version from a position
     */
    UpstreamReader(ObjectInfo info, ResponsePublisher<GetObjectResponse> first,
                   LongFunction<CompletableFuture<ResponsePublisher<GetObjectResponse>>> reopen, BackendErrors errors) {
        this.info = info;
        this.reopen = reopen;
        this.errors = errors;
        this.stream = new Stream(0);
        first.subscribe(stream);
    }

    @Override
    public ObjectInfo info() {
        return info;
    }

    @Override
    public CompletionStage<ByteBuf> read(long position, int maxLength, ByteBufAllocator allocator) {
        if (position >= info.size()) {
            return CompletableFuture.completedFuture(Unpooled.EMPTY_BUFFER);
        }
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("reader closed"));
            }
            if (stream != null && stream.position == position) {
                return stream.next(maxLength, allocator);
            }
            if (stream != null) {
                stream.cancel();
                stream = null;
            }
        }
        return reopen.apply(position).exceptionallyCompose(e -> CompletableFuture.failedFuture(errors.map(e)))
                .thenCompose(publisher -> {
                    Stream s = new Stream(position);
                    synchronized (this) {
                        if (closed) {
                            s.cancel();
                            publisher.subscribe(s);
                            return CompletableFuture.failedFuture(new IllegalStateException("reader closed"));
                        }
                        stream = s;
                    }
                    publisher.subscribe(s);
                    return s.next(maxLength, allocator);
                });
    }

    @Override
    public void close() {
        Stream s;
        synchronized (this) {
            closed = true;
            s = stream;
            stream = null;
        }
        if (s != null) {
            s.release(info.size());
        }
    }

    /**
     * One upstream body. Chunks are requested one at a time while less than {@link #WINDOW} bytes wait here, so
     * the upstream keeps streaming while the server writes, and stops when the client's socket does not drain.
     */
    private final class Stream implements Subscriber<ByteBuffer> {
        private long position;
        private Subscription subscription;
        private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
        private long queued;
        private CompletableFuture<ByteBuf> waiting;
        private int waitingMax;
        private ByteBufAllocator waitingAllocator;
        private boolean requested;
        private boolean cancelled;
        private boolean ended;
        private Throwable failure;

        Stream(long position) {
            this.position = position;
        }

        CompletionStage<ByteBuf> next(int maxLength, ByteBufAllocator allocator) {
            CompletableFuture<ByteBuf> f;
            synchronized (this) {
                if (!queue.isEmpty()) {
                    ByteBuf out = take(maxLength, allocator);
                    requestMore();
                    return CompletableFuture.completedFuture(out);
                }
                if (failure != null) {
                    return CompletableFuture.failedFuture(errors.map(failure));
                }
                if (ended) {
                    return CompletableFuture.failedFuture(errors.unavailable(
                            "the object's body ended early at byte " + position, null));
                }
                f = new CompletableFuture<>();
                waiting = f;
                waitingMax = maxLength;
                waitingAllocator = allocator;
            }
            requestMore();
            return f;
        }

        /** Copies up to {@code max} queued bytes into a buffer the server owns. Caller holds the lock. */
        private ByteBuf take(int max, ByteBufAllocator allocator) {
            ByteBuffer head = queue.peek();
            int n = Math.min(max, head.remaining());
            ByteBuf out = allocator.buffer(n);
            ByteBuffer slice = head.slice();
            slice.limit(n);
            out.writeBytes(slice);
            head.position(head.position() + n);
            if (!head.hasRemaining()) {
                queue.poll();
            }
            queued -= n;
            position += n;
            return out;
        }

        /** Asks the upstream for one more chunk when none is outstanding and the window has room. */
        private void requestMore() {
            Subscription s;
            synchronized (this) {
                if (subscription == null || requested || cancelled || ended || failure != null || queued >= WINDOW) {
                    return;
                }
                requested = true;
                s = subscription;
            }
            s.request(1);
        }

        /**
         * Ends this stream when the reader closes: a body read to the object's end is let run to its completion
         * signal, so that the HTTP client returns the connection to its pool; anything else is cancelled, which
         * closes the connection (HEAD, a short range, a client gone).
         */
        void release(long size) {
            Subscription s = null;
            boolean cancel;
            synchronized (this) {
                boolean drained = position >= size && queue.isEmpty();
                cancel = !drained || failure != null || subscription == null;
                if (!cancel && !ended) {
                    cancelled = true;
                    if (!requested) {
                        requested = true;
                        s = subscription;
                    }
                }
            }
            if (cancel) {
                cancel();
            } else if (s != null) {
                s.request(1);
            }
        }

        void cancel() {
            Subscription s;
            synchronized (this) {
                cancelled = true;
                queue.clear();
                queued = 0;
                s = subscription;
            }
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Subscription s) {
            boolean cancel;
            synchronized (this) {
                subscription = s;
                cancel = cancelled;
            }
            if (cancel) {
                s.cancel();
            } else {
                requestMore();
            }
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            CompletableFuture<ByteBuf> f = null;
            ByteBuf chunk = null;
            synchronized (this) {
                requested = false;
                if (cancelled) {
                    return;
                }
                if (buffer.hasRemaining()) {
                    queue.add(buffer);
                    queued += buffer.remaining();
                }
                if (waiting != null && !queue.isEmpty()) {
                    f = waiting;
                    chunk = take(waitingMax, waitingAllocator);
                    waiting = null;
                }
            }
            requestMore();
            if (f != null && !f.complete(chunk)) {
                chunk.release();
            }
        }

        @Override
        public void onError(Throwable t) {
            CompletableFuture<ByteBuf> f;
            synchronized (this) {
                failure = t;
                f = waiting;
                waiting = null;
            }
            if (f != null) {
                f.completeExceptionally(errors.map(t));
            }
        }

        @Override
        public void onComplete() {
            CompletableFuture<ByteBuf> f;
            synchronized (this) {
                ended = true;
                f = waiting;
                waiting = null;
            }
            if (f != null) {
                f.completeExceptionally(errors.unavailable("the object's body ended early at byte " + position,
                        null));
            }
        }
    }
}
