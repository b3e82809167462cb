package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.ObjectInfo;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An object opened by an upstream GET (or HEAD) on the client connection's event loop. The body's buffers are
 * handed to the server as they came off the upstream socket (no copy); at most about {@link #WINDOW} bytes wait
 * here, beyond which the upstream connection stops reading until the client's socket drains. A read at another
 * position than where the body stands (a ranged GET) drops that body and opens {@code Range: bytes=position-}
 * pinned to the opened version with {@code If-Match}. Event loop only.
 */
final class LoopReader implements BlobReader {

    /**
     * Upstream bytes that may wait here for the client's socket. Pausing and resuming the upstream connection
     * each changes its epoll interest (a syscall), so the window holds a typical large object (1 MiB) whole and
     * only a slow client or a larger object makes the connection pause.
     */
    static final long WINDOW = 1024 * 1024;
    /** Bodies with less than this still to come from the upstream are read and written, not spliced. */
    static final long MIN_SPLICE = 64 * 1024;

    private final ObjectInfo info;
    /** Opens the same version from a position (a request to send; its answer's body starts there). */
    private final Reopen reopen;
    private final LoopObjects objects;
    private final io.netty.channel.Channel client;
    /** The part the open asked for with {@code ?partNumber} (0: none) and where the answer put it. */
    private final int partNumber;
    private final Optional<Part> part;
    private Body body;
    private boolean closed;

    /** The request for the object's bytes from {@code position} on, of the version with {@code etag} only. */
    interface Reopen {
        HttpRequest from(long position, String etag);
    }

    private LoopReader(ObjectInfo info, Body first, Reopen reopen, LoopObjects objects,
                       io.netty.channel.Channel client, int partNumber, Optional<Part> part) {
        this.info = info;
        this.partNumber = partNumber;
        this.part = part;
        this.body = first;
        this.reopen = reopen;
        this.objects = objects;
        this.client = client;
    }

    /** Sends {@code request} (a GET or HEAD of the whole object) and yields the reader once the answer's head came. */
    static CompletableFuture<BlobReader> open(LoopObjects objects, io.netty.channel.Channel client, String key,
                                              HttpRequest request, Reopen reopen) {
        return open(objects, client, key, request, reopen, 0);
    }

    /**
     * Like {@link #open(LoopObjects, io.netty.channel.Channel, String, HttpRequest, Reopen)}, for a request that
     * carries {@code ?partNumber=partNumber} (0: none): the answer's {@code Content-Range} says where that part
     * lies ({@link #part(int)}).
     */
    static CompletableFuture<BlobReader> open(LoopObjects objects, io.netty.channel.Channel client, String key,
                                              HttpRequest request, Reopen reopen, int partNumber) {
        Body first = new Body(objects, 0);
        return first.start(client, request).thenApply(head -> {
            // A 206 (a forwarded Range) starts where its Content-Range says; one that cannot be read is dropped,
            // and reads reopen at their position.
            long from = UpstreamAnswers.firstByte(head);
            first.position = Math.max(0, from);
            LoopReader reader = new LoopReader(UpstreamAnswers.info(key, head), from < 0 ? null : first, reopen,
                    objects, client, partNumber, partNumber > 0 ? UpstreamAnswers.part(head) : Optional.empty());
            if (from < 0) {
                first.close();
            }
            return reader;
        });
    }

    /** Whether the upstream answer being read has arrived to its end (for tests: what a range made it send). */
    boolean answerArrived() {
        return body != null && body.ended;
    }

    /** Body bytes read from the upstream and waiting here (for tests: how far the upstream was read ahead). */
    long bytesWaiting() {
        return body == null ? 0 : body.queued;
    }

    @Override
    public ObjectInfo info() {
        return info;
    }

    /** The part the upstream answered {@code ?partNumber} with; other parts are not known here. */
    @Override
    public Optional<Part> part(int number) {
        return number == partNumber ? part : Optional.empty();
    }

    @Override
    public CompletionStage<ByteBuf> read(long position, int maxLength, ByteBufAllocator allocator) {
        if (position >= info.size()) {
            return CompletableFuture.completedFuture(Unpooled.EMPTY_BUFFER);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("reader closed"));
        }
        if (body != null && body.position == position && !body.exhausted()) {
            return body.next(maxLength, allocator);
        }
        if (body != null) {
            body.close();
        }
        Body b = new Body(objects, position);
        body = b;
        HttpRequest request;
        try {
            request = reopen.from(position, info.etag());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(objects.errors().map(e));
        }
        return b.start(client, request).thenCompose(head -> {
            if (UpstreamAnswers.firstByte(head) != position) {
                b.close();
                return CompletableFuture.failedFuture(objects.errors().unavailable("it answered a read from byte "
                        + position + " with " + head.status() + " " + head.headers().get("Content-Range"), null));
            }
            return b.next(maxLength, allocator);
        });
    }

    /**
     * Splices the rest of the body into the client's socket when that is all that is asked for and worth it (at
     * least {@link #MIN_SPLICE} bytes not yet read from the upstream); what already came is written first.
     */
    @Override
    public Optional<CompletionStage<Void>> transferTo(ChannelHandlerContext client, long position, long length) {
        Body b = body;
        if (closed || b == null || b.position != position || !b.canTransfer(client, length)) {
            return Optional.empty();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Later, on the loop: the answer's head may be being decoded right now, with body bytes of the same read
        // still to come through the codec; by then they all have.
        client.executor().execute(() -> b.transfer(client, length, done));
        return Optional.of(done);
    }

    @Override
    public void close() {
        closed = true;
        if (body != null) {
            body.close();
            body = null;
        }
    }

    /** One upstream answer's body, queued as it arrives. */
    private static final class Body implements UpstreamExchange.Receiver {
        private final LoopObjects objects;
        private final CompletableFuture<HttpResponse> opened = new CompletableFuture<>();
        private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
        private UpstreamExchange exchange;
        private HttpRequest request;
        private io.netty.channel.Channel client;
        private boolean retried;
        private long position;
        private long queued;
        private boolean ended;
        private boolean closed;
        /** The answer body's length (-1: unknown, e.g. chunked), and how much of it arrived through the codec. */
        private long contentLength = -1;
        private long received;
        private Throwable failure;
        private HttpResponse errorHead;
        private CompositeByteBuf errorBody;
        private CompletableFuture<ByteBuf> waiting;
        private int waitingMax;
        private ByteBufAllocator waitingAllocator;

        Body(LoopObjects objects, long position) {
            this.objects = objects;
            this.position = position;
        }

        CompletableFuture<HttpResponse> start(io.netty.channel.Channel client, HttpRequest request) {
            this.client = client;
            this.request = request;
            send();
            return opened;
        }

        private void send() {
            UpstreamExchange.start(objects.connections().pool(client), request, this).whenComplete((e, error) -> {
                if (error != null) {
                    opened.completeExceptionally(objects.errors().map(error));
                } else if (closed) {
                    e.abandon();
                } else if (!e.isEnded()) {
                    exchange = e;
                }
            });
        }

        boolean exhausted() {
            return ended && queue.isEmpty() && failure == null;
        }

        CompletionStage<ByteBuf> next(int maxLength, ByteBufAllocator allocator) {
            if (!queue.isEmpty()) {
                return CompletableFuture.completedFuture(take(maxLength, allocator));
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(objects.errors().map(failure));
            }
            if (ended) {
                return CompletableFuture.failedFuture(objects.errors().unavailable(
                        "the object's body ended early at byte " + position, null));
            }
            if (exchange != null) {
                exchange.resume(); // paused at the head, or by a full window that has drained
            }
            CompletableFuture<ByteBuf> f = new CompletableFuture<>();
            waiting = f;
            waitingMax = maxLength;
            waitingAllocator = allocator;
            return f;
        }

        private ByteBuf take(int max, ByteBufAllocator allocator) {
            ByteBuf out = null;
            CompositeByteBuf many = null;
            int taken = 0;
            while (taken < max && !queue.isEmpty()) {
                ByteBuf head = queue.peek();
                int n = Math.min(max - taken, head.readableBytes());
                ByteBuf piece;
                if (n == head.readableBytes()) {
                    piece = queue.poll();
                } else {
                    piece = head.readRetainedSlice(n);
                }
                taken += n;
                if (out == null) {
                    out = piece;
                } else {
                    if (many == null) {
                        many = allocator.compositeBuffer(16);
                        many.addComponent(true, out);
                        out = many;
                    }
                    many.addComponent(true, piece);
                }
            }
            queued -= taken;
            position += taken;
            if (exchange != null && queued < WINDOW) {
                exchange.resume();
            }
            return out;
        }

        @Override
        public void head(HttpResponse response) {
            int status = response.status().code();
            if (status == 200 || status == 206) {
                if (!HttpUtil.isTransferEncodingChunked(response)) {
                    contentLength = HttpUtil.getContentLength(response, -1L);
                }
                if (contentLength >= 2 * MIN_SPLICE && exchange != null) {
                    // The server decides how to serve the body (spliced or read) only once it has the head: until
                    // then the rest stays in the socket rather than being read into buffers it may not need.
                    exchange.pause();
                }
                opened.complete(response);
            } else {
                errorHead = response;
                errorBody = Unpooled.compositeBuffer();
            }
        }

        @Override
        public void content(ByteBuf piece, boolean last) {
            if (errorHead != null) {
                if (errorBody.readableBytes() < UpstreamAnswers.MAX_ERROR_BODY && piece.isReadable()) {
                    errorBody.addComponent(true, piece);
                } else {
                    piece.release();
                }
                if (last) {
                    try {
                        opened.completeExceptionally(UpstreamAnswers.error(objects.errors(),
                                errorHead.status().code(), errorBody));
                    } finally {
                        errorBody.release();
                    }
                }
                return;
            }
            received += piece.readableBytes();
            if (closed || !piece.isReadable()) {
                piece.release();
            } else {
                queue.add(piece);
                queued += piece.readableBytes();
            }
            if (last) {
                ended = true;
                exchange = null; // the connection went back to its pool
            } else if (queued >= WINDOW && exchange != null) {
                exchange.pause();
            }
            deliver();
        }

        @Override
        public void failed(Throwable error) {
            exchange = null;
            if (!opened.isDone() && errorHead == null && !retried && !closed) {
                // A pooled connection the upstream had closed: the request is sent once more on another.
                retried = true;
                send();
                return;
            }
            if (errorBody != null && errorBody.refCnt() > 0) {
                errorBody.release();
            }
            if (!opened.isDone()) {
                opened.completeExceptionally(objects.errors().map(error));
                return;
            }
            failure = error;
            deliver();
        }

        private void deliver() {
            CompletableFuture<ByteBuf> f = waiting;
            if (f == null || queue.isEmpty() && failure == null && !ended) {
                return;
            }
            waiting = null;
            if (!queue.isEmpty()) {
                f.complete(take(waitingMax, waitingAllocator));
            } else if (failure != null) {
                f.completeExceptionally(objects.errors().map(failure));
            } else {
                f.completeExceptionally(objects.errors().unavailable("the object's body ended early at byte "
                        + position, null));
            }
        }

        /** Whether the rest of this body is exactly {@code length} bytes, enough of them still upstream to splice. */
        boolean canTransfer(ChannelHandlerContext client, long length) {
            long unreceived = contentLength - received;
            return exchange != null && !ended && failure == null && waiting == null && contentLength >= 0
                    && queued + unreceived == length && unreceived >= MIN_SPLICE && unreceived <= Integer.MAX_VALUE
                    && exchange.canSpliceTo(client.channel());
        }

        /** Writes what waits here to {@code client}, then splices the rest of the body behind it. */
        void transfer(ChannelHandlerContext client, long length, CompletableFuture<Void> done) {
            if (closed) {
                done.completeExceptionally(new IllegalStateException("reader closed"));
                return;
            }
            if (failure != null) {
                done.completeExceptionally(objects.errors().map(failure));
                return;
            }
            long written = 0;
            while (!queue.isEmpty()) {
                ByteBuf piece = queue.poll();
                written += piece.readableBytes();
                client.write(new DefaultHttpContent(piece));
            }
            queued = 0;
            position += written;
            client.flush();
            long rest = length - written;
            if (rest == 0) {
                done.complete(null); // the whole body had arrived meanwhile
                return;
            }
            UpstreamExchange e = exchange;
            if (ended || e == null || rest != contentLength - received || !e.canSpliceTo(client.channel())) {
                done.completeExceptionally(objects.errors().unavailable("the object's body ended early at byte "
                        + position, null));
                return;
            }
            e.spliceTo(client.channel(), (int) rest).whenComplete((v, error) -> {
                exchange = null;
                if (error != null) {
                    failure = error;
                    done.completeExceptionally(objects.errors().map(error));
                    return;
                }
                received += rest;
                position += rest;
                ended = true;
                done.complete(null);
            });
        }

        /** Releases what waits and abandons the answer if it is still coming. */
        void close() {
            closed = true;
            while (!queue.isEmpty()) {
                queue.poll().release();
            }
            queued = 0;
            if (exchange != null) {
                UpstreamExchange e = exchange;
                exchange = null;
                e.abandon();
            }
        }
    }
}
