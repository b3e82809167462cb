package io.trustgate.s3.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The per-connection S3 handler: one {@link HttpExchange} at a time, in order (HTTP/1.1 keep-alive, pipelined
 * requests wait in a backlog). The channel runs with auto-read off: this handler asks for the next read only when
 * it can use more bytes (a new request, or body bytes a consumer is ready for), which is the backpressure on
 * uploads; once a request has arrived whole, the read for the next one is asked for at once.
 */
public final class S3ServerHandler extends ChannelInboundHandlerAdapter {

    /**
     * How long a connection answered before its request body arrived goes on reading, and dropping, what the client
     * still sends after the answer and the end of output (a lingering close, as web servers do).
     */
    static final long LINGER_MILLIS = 5_000;

    private final S3Context context;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private HttpExchange current;
    private boolean replaying;
    private boolean lingering;
    /** The client half-closed: the requests it sent are answered, then the connection closes. */
    private boolean inputClosed;
    private ChannelHandlerContext ctx;

    public S3ServerHandler(S3Context context) {
        this.context = context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context.metrics.connectionOpened();
        ctx.channel().config().setAutoRead(false);
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        context.metrics.connectionClosed();
        if (current != null) {
            current.channelClosed();
            current = null;
        }
        while (!backlog.isEmpty()) {
            ReferenceCountUtil.release(backlog.poll());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            ctx.read();
            return;
        }
        if (current != null) {
            if (current.acceptsContent() && msg instanceof HttpContent content && !(msg instanceof HttpRequest)) {
                current.onContent(content);
                readAhead(ctx);
            } else {
                backlog.add(msg);
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            current = new HttpExchange(context, ctx, this, request);
            current.start();
            readAhead(ctx);
        } else {
            // Content of no request (left over after a closed exchange): drop it and keep reading.
            ReferenceCountUtil.release(msg);
            ctx.read();
        }
    }

    /**
     * Once the current request has arrived whole and nothing waits behind it, asks for the next read already: the
     * socket's read interest then stays set between requests, where clearing it after this read and setting it
     * again when the response is done would cost two {@code epoll_ctl} calls per request. What comes is the next
     * request; one that arrives before this response is done waits in the backlog, and reading stops there.
     * Epoll only: it reports a client's end of input (EPOLLRDHUP) whether or not a read is asked for, so reading
     * early changes nothing a client can see; NIO would see a half-closing client's end early and cut the response
     * short, and changes its interest set without a system call anyway.
     */
    private void readAhead(ChannelHandlerContext ctx) {
        if (current != null && !current.acceptsContent() && backlog.isEmpty()
                && ctx.channel() instanceof AbstractEpollStreamChannel) {
            ctx.read();
        }
    }

    /**
     * The client's end of input (a half-close, as {@code nc -N} or a shell pipe does; the channel allows half
     * closure). By now the HTTP decoder has handed over every request it read. A body still expected never comes
     * (400 IncompleteBody); the requests in progress or waiting are answered; an idle connection, or one only
     * draining what follows an answer, closes now.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputClosed = true;
            if (current != null) {
                current.inputClosed();
            }
            if (lingering || (current == null && backlog.isEmpty())) {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null && ctx.channel().isWritable()) {
            current.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (current != null) {
            current.channelClosed();
            current = null;
        }
        ctx.close();
    }

    /**
     * Ends the connection after {@code exchange}'s answer went out before its request body had arrived whole (an
     * error such as a bad signature, a missing bucket or a failed write). Closing at once would make the kernel
     * answer the body bytes still arriving with a reset, and a client that writes its whole body before reading
     * (one without {@code Expect: 100-continue}) would see that reset instead of the answer. So the output is shut
     * down (the client reads the answer, then end of stream) and whatever still comes is read and dropped, until
     * the client closes or {@link #LINGER_MILLIS} have passed. Memory stays bounded: nothing is kept.
     */
    void closeAfterUnreadBody(HttpExchange exchange) {
        if (exchange != current) {
            return;
        }
        current = null;
        while (!backlog.isEmpty()) {
            ReferenceCountUtil.release(backlog.poll());
        }
        if (inputClosed || !(ctx.channel() instanceof DuplexChannel duplex) || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        lingering = true;
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        ctx.executor().schedule((Runnable) ctx::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        ctx.read();
    }

    /** Called by the exchange once its response is written and its body consumed: start the next one. */
    void exchangeDone(HttpExchange exchange) {
        if (exchange != current) {
            return;
        }
        current = null;
        if (replaying) {
            return; // the replay loop below goes on
        }
        replaying = true;
        try {
            // Messages that arrived behind the previous request: start the next one and hand it its own body.
            while (!backlog.isEmpty()) {
                Object next = backlog.peek();
                if (current == null) {
                    channelRead(ctx, backlog.poll());
                } else if (current.acceptsContent() && next instanceof HttpContent && !(next instanceof HttpRequest)) {
                    current.onContent((HttpContent) backlog.poll());
                } else {
                    break;
                }
            }
        } finally {
            replaying = false;
        }
        if (current == null) {
            if (inputClosed) {
                ctx.close();
            } else {
                ctx.read();
            }
        } else if (inputClosed && backlog.isEmpty()) {
            // A pipelined request that came before the client's end of input: what it had of its body was handed
            // over above, and no more will come.
            current.inputClosed();
        }
    }
}
