package io.trustgate.s3.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * The per-connection S3 handler: one {@link HttpExchange} at a time, in order (HTTP/1.1 keep-alive, pipelined
 * requests wait in a backlog). The channel runs with auto-read off: this handler asks for the next read only when
 * it can use more bytes (a new request, or body bytes a consumer is ready for), which is the backpressure on
 * uploads.
 */
public final class S3ServerHandler extends ChannelInboundHandlerAdapter {

    private final S3Context context;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private HttpExchange current;
    private boolean replaying;
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
        if (current != null) {
            if (current.acceptsContent() && msg instanceof HttpContent content && !(msg instanceof HttpRequest)) {
                current.onContent(content);
            } else {
                backlog.add(msg);
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            current = new HttpExchange(context, ctx, this, request);
            current.start();
        } else {
            // Content of no request (left over after a closed exchange): drop it and keep reading.
            ReferenceCountUtil.release(msg);
            ctx.read();
        }
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
            ctx.read();
        }
    }
}
