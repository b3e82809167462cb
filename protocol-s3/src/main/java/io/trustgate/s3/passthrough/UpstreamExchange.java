package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

import java.util.concurrent.CompletableFuture;

/**
 * One request and its answer on a pooled upstream connection, driven from the connection's event loop (which is
 * also the client connection's). The connection goes back to its pool only when the request was sent whole and
 * the answer read to its end; otherwise (an early answer, a failure, an abandoned exchange) it is closed.
 */
final class UpstreamExchange {

    /** Gets the answer: its head, then its body pieces (owned by the receiver), or one failure. */
    interface Receiver {
        void head(HttpResponse response);

        void content(ByteBuf piece, boolean last);

        void failed(Throwable error);
    }

    private final Channel channel;
    private final ChannelPool pool;
    private final UpstreamHandler handler;
    private final Receiver receiver;
    private boolean requestEnded;
    private boolean answered;
    private boolean responseEnded;
    private boolean ended;
    private boolean paused;
    private boolean splicing;
    private boolean bodyWritten;
    private CompletableFuture<Void> writableWaiter;

    private UpstreamExchange(Channel channel, ChannelPool pool, Receiver receiver) {
        this.channel = channel;
        this.pool = pool;
        this.handler = channel.pipeline().get(UpstreamHandler.class);
        this.receiver = receiver;
        handler.attach(this);
        channel.config().setAutoRead(true);
    }

    /**
     * Takes a connection from {@code pool} and sends {@code head} on it (a {@link FullHttpRequest} is the whole
     * request; otherwise the body follows through {@link #write} and {@link #end}). The stage fails when no
     * connection could be had; later failures go to the receiver.
     */
    static CompletableFuture<UpstreamExchange> start(ChannelPool pool, HttpRequest head, Receiver receiver) {
        CompletableFuture<UpstreamExchange> started = new CompletableFuture<>();
        pool.acquire().addListener((Future<Channel> f) -> {
            if (!f.isSuccess()) {
                started.completeExceptionally(f.cause());
                return;
            }
            UpstreamExchange e = new UpstreamExchange(f.getNow(), pool, receiver);
            e.requestEnded = head instanceof FullHttpRequest;
            if (e.requestEnded) {
                e.channel.writeAndFlush(head).addListener(e.onWriteFailure());
            } else {
                // A body follows, and every body write (or the end) flushes: the head leaves with the first piece
                // of the body, so a small body (held back whole until the server verified it) goes out with its
                // head in one write: one send here, one read upstream. Until then the upstream has nothing to wait
                // for, and an upload abandoned before any body byte never reached it.
                e.channel.write(head).addListener(e.onWriteFailure());
            }
            started.complete(e);
        });
        return started;
    }

    /** Whether a body byte left for the upstream (after which the request cannot be sent again). */
    boolean bodyWritten() {
        return bodyWritten;
    }

    /** Sends a body piece (released by the connection); the stage completes when the connection takes more. */
    CompletableFuture<Void> write(ByteBuf piece) {
        if (ended) {
            piece.release();
            return CompletableFuture.failedFuture(new IllegalStateException("upstream exchange ended"));
        }
        bodyWritten = true;
        channel.writeAndFlush(new DefaultHttpContent(piece)).addListener(onWriteFailure());
        if (channel.isWritable()) {
            return CompletableFuture.completedFuture(null);
        }
        writableWaiter = new CompletableFuture<>();
        return writableWaiter;
    }

    /** Ends the request body. */
    void end() {
        if (ended) {
            return;
        }
        requestEnded = true;
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(onWriteFailure());
        maybeRelease();
    }

    private ChannelFutureListener onWriteFailure() {
        return f -> {
            if (!f.isSuccess()) {
                failed(f.cause());
            }
        };
    }

    /** Stops reading the answer (its receiver holds enough). */
    void pause() {
        if (!ended && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
    }

    void resume() {
        if (!ended && paused) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }

    /**
     * Whether the rest of the answer's body can be spliced into {@code client}: both are epoll sockets of the same
     * event loop and the upstream connection is plain TCP (TLS bytes must pass the {@code SslHandler}).
     */
    boolean canSpliceTo(Channel client) {
        return !ended && answered && !responseEnded && channel instanceof AbstractEpollStreamChannel
                && client instanceof AbstractEpollStreamChannel && channel.eventLoop() == client.eventLoop()
                && channel.pipeline().get(SslHandler.class) == null;
    }

    /**
     * Moves the next {@code length} bytes of the answer's body (all that is left of it) from the upstream socket into
     * {@code client}'s with Linux {@code splice} (socket to pipe to socket, never into user space), behind what was
     * already written to {@code client}. The HTTP codec, which never saw those bytes, is replaced by a fresh one and
     * the connection goes back to its pool once the last byte left for the client. Backpressure: Netty stops reading
     * the upstream while the client's socket is full. The stage fails (and the connection is closed) when either side
     * fails or the exchange is abandoned.
     */
    CompletableFuture<Void> spliceTo(Channel client, int length) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        splicing = true;
        paused = false;
        channel.config().setAutoRead(true);
        ((AbstractEpollStreamChannel) channel).spliceTo((AbstractEpollStreamChannel) client, length)
                .addListener(f -> {
                    splicing = false;
                    if (ended) {
                        done.completeExceptionally(new IllegalStateException("upstream exchange abandoned"));
                    } else if (!f.isSuccess()) {
                        done.completeExceptionally(f.cause());
                        failed(f.cause());
                    } else {
                        channel.pipeline().replace(HttpClientCodec.class, null, UpstreamConnections.newCodec());
                        responseEnded = true;
                        maybeRelease();
                        done.complete(null);
                    }
                });
        return done;
    }

    /** Whether the exchange is over (its connection was released or closed). */
    boolean isEnded() {
        return ended;
    }

    /** Paused by its receiver, or a splice waiting for the client's socket to drain (Netty stopped reading). */
    boolean paused() {
        return paused || splicing && !channel.config().isAutoRead();
    }

    /** Abandons the exchange: the connection is closed, nothing more reaches the receiver. */
    void abandon() {
        if (ended) {
            return;
        }
        ended = true;
        failWaiter(new IllegalStateException("upstream exchange abandoned"));
        handler.detach(this);
        channel.close();
        pool.release(channel);
    }

    // ---- from the connection ----

    void received(HttpObject msg) {
        if (ended) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse r) {
            if (r.status().code() == 100) {
                return; // 100 Continue (not asked for, but harmless)
            }
            answered = true;
            receiver.head(r);
        }
        if (msg instanceof HttpContent c && answered) {
            boolean last = c instanceof LastHttpContent;
            if (last) {
                responseEnded = true;
            }
            if (!ended) {
                receiver.content(c.content(), last);
            } else {
                c.release();
            }
            if (last) {
                maybeRelease();
            }
        } else if (msg instanceof HttpContent c) {
            c.release();
        }
    }

    void writable() {
        CompletableFuture<Void> w = writableWaiter;
        if (w != null) {
            writableWaiter = null;
            w.complete(null);
        }
    }

    void failed(Throwable error) {
        if (ended) {
            return;
        }
        ended = true;
        handler.detach(this);
        failWaiter(error);
        channel.close();
        pool.release(channel);
        receiver.failed(error);
    }

    private void failWaiter(Throwable error) {
        CompletableFuture<Void> w = writableWaiter;
        if (w != null) {
            writableWaiter = null;
            w.completeExceptionally(error);
        }
    }

    /**
     * After the answer's end: a connection whose request went out whole is reused; one answered early (the
     * upstream refused before the body ended) is closed, as the rest of the body would be read as a new request.
     */
    private void maybeRelease() {
        if (ended || !responseEnded) {
            return;
        }
        if (!requestEnded) {
            ended = true;
            handler.detach(this);
            failWaiter(new IllegalStateException("the upstream answered before the request body ended"));
            channel.close();
            pool.release(channel);
            return;
        }
        ended = true;
        handler.detach(this);
        paused = false;
        channel.config().setAutoRead(true);
        pool.release(channel);
    }
}
