package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
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
            e.channel.writeAndFlush(head).addListener(e.onWriteFailure());
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

    /** Whether the exchange is over (its connection was released or closed). */
    boolean isEnded() {
        return ended;
    }

    boolean paused() {
        return paused;
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
