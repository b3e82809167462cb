package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.session.ReplySink;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One EXEC on a cluster node: {@code MULTI}, the queued commands and {@code EXEC} written back to back on one
 * connection (the client's pinned one to that node when it WATCHed, else a shared one: writes made in one
 * event-loop turn cannot interleave with another client's). MULTI's {@code +OK} and the {@code +QUEUED}
 * replies are swallowed; the client gets only EXEC's reply.
 *
 * <p>If the node turned a queued command away with MOVED or ASK (the slot moved after the gateway picked the
 * node), Redis aborts the transaction with EXECABORT; the whole transaction is then sent again to the node
 * named (after {@code ASKING} for an ASK, which holds for every command inside MULTI), up to
 * {@value ClusterRedirect#MAX_REDIRECTS} times. A watched transaction is not moved: its WATCH lives on the old
 * node, so the client gets an EXECABORT saying so. Owns the queued frames until EXEC is answered. Lives on the
 * client's event loop.
 */
final class ClusterTransaction implements ReplySink {

    /** Opens the connection a transaction runs on; null when the node cannot be reached. */
    @FunctionalInterface
    interface Connector {
        UpstreamConnection connection(InetSocketAddress node);
    }

    private final List<ByteBuf> frames;
    private final ReplySink out;
    private final Connector connector;
    private final ClusterTopology topology;
    private final ClusterRedirect.Observer observer;
    private final boolean watched;
    private final String backendName;
    private final String unavailable;
    private final io.netty.buffer.ByteBufAllocator alloc;
    private InetSocketAddress node;
    private int redirects;
    private ClusterReplies.Redirect redirected;

    private final ReplySink queued = new ReplySink() {
        @Override
        public void complete(Object message) {
            if (redirected == null && message instanceof ByteBuf reply) {
                redirected = ClusterReplies.redirect(reply, node);
            }
            ReferenceCountUtil.release(message);
        }

        @Override
        public void fail(String error) {
        }
    };

    ClusterTransaction(List<ByteBuf> frames, InetSocketAddress node, boolean watched, ReplySink out,
                       Connector connector, ClusterTopology topology, ClusterRedirect.Observer observer,
                       UpstreamSettings settings, io.netty.buffer.ByteBufAllocator alloc) {
        this.frames = frames;
        this.node = node;
        this.watched = watched;
        this.out = out;
        this.connector = connector;
        this.topology = topology;
        this.observer = observer;
        this.backendName = settings.backendName();
        this.unavailable = settings.unavailable();
        this.alloc = alloc;
    }

    /** Writes the transaction to {@link #node}, preceded by ASKING when {@code asking}. */
    void send(boolean asking) {
        UpstreamConnection c = connector.connection(node);
        if (c == null) {
            fail(unavailable);
            return;
        }
        if (asking) {
            c.send(ClusterTarget.command(alloc, "ASKING"), UpstreamConnection.DISCARD, UpstreamConnection.WITH_TIMEOUT);
        }
        c.send(ClusterTarget.command(alloc, "MULTI"), UpstreamConnection.DISCARD, UpstreamConnection.WITH_TIMEOUT);
        for (ByteBuf frame : frames) {
            c.send(frame.retainedDuplicate(), queued, UpstreamConnection.WITH_TIMEOUT);
        }
        c.send(ClusterTarget.command(alloc, "EXEC"), this, UpstreamConnection.WITH_TIMEOUT);
    }

    @Override
    public void complete(Object message) {
        ClusterReplies.Redirect redirect = redirected;
        redirected = null;
        if (redirect == null || !ClusterReplies.isError(message)) {
            release();
            out.complete(message);
            return;
        }
        ReferenceCountUtil.release(message);
        if (watched) {
            release();
            out.fail("EXECABORT Transaction discarded because slot " + redirect.slot() + " moved to another "
                    + "cluster node after WATCH; WATCH again and retry");
            return;
        }
        if (++redirects > ClusterRedirect.MAX_REDIRECTS) {
            release();
            out.fail(ClusterRedirect.tooMany(backendName, redirect));
            return;
        }
        observer.redirected(redirect.ask());
        if (!redirect.ask()) {
            topology.moved(redirect.slot(), redirect.node());
        }
        node = redirect.node();
        send(redirect.ask());
    }

    @Override
    public void fail(String error) {
        release();
        out.fail(error);
    }

    private void release() {
        frames.forEach(ReferenceCountUtil::release);
        frames.clear();
    }
}
