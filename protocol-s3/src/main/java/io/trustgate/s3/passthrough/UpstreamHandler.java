package io.trustgate.s3.passthrough;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;

/**
 * The last handler of every pooled upstream connection: hands what the connection reads to the
 * {@link UpstreamExchange} using it, tells it when the connection ends or can take more bytes, and closes the
 * connection when it idles in the pool or when the upstream stays silent too long in the middle of an exchange
 * (a paused exchange, waiting for its client to drain, is not silent).
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private final int silentTicks;
    private final java.time.Duration timeout;
    private UpstreamExchange exchange;
    private int silent;

    /** @param silentTicks idle ticks of the connection's {@code IdleStateHandler} that make {@code timeout} */
    UpstreamHandler(int silentTicks, java.time.Duration timeout) {
        this.silentTicks = silentTicks;
        this.timeout = timeout;
    }

    void attach(UpstreamExchange e) {
        exchange = e;
        silent = 0;
    }

    void detach(UpstreamExchange e) {
        if (exchange == e) {
            exchange = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        silent = 0;
        if (exchange == null || !(msg instanceof HttpObject o)) {
            ReferenceCountUtil.release(msg);
            ctx.close(); // an answer nobody asked for: the connection is out of step
            return;
        }
        exchange.received(o);
    }

    /** Also after reads that went past the pipeline (a body spliced to the client): the upstream is not silent. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        silent = 0;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && ctx.channel().isWritable()) {
            exchange.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.failed(new IOException("the upstream closed the connection"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            exchange.failed(cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (exchange == null) {
            ctx.close();
        } else if (!exchange.paused() && ++silent >= silentTicks) {
            exchange.failed(new java.util.concurrent.TimeoutException("the upstream sent nothing for " + timeout));
            ctx.close();
        }
    }
}
