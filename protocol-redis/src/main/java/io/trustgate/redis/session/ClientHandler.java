package io.trustgate.redis.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The thin Netty end of a client connection: opens and closes the {@link ClientSession} and hands it every
 * decoded request. One instance per channel.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

    private final SessionContext context;
    private ClientSession session;
    /** Between the first channelRead of a read and its channelReadComplete. */
    private boolean inReadBatch;

    public ClientHandler(SessionContext context) {
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        session = new ClientSession(ctx.channel(), context);
        context.clients().add(session);
        context.metrics().connectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!inReadBatch) {
            inReadBatch = true;
            session.readStarted();
        }
        session.onMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (inReadBatch) {
            inReadBatch = false;
            session.readComplete();
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.writabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            context.clients().remove(session);
            context.metrics().connectionClosed();
            session.closed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("redis listener '{}': closing client {} after an unexpected error",
                    context.settings().name(), ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
