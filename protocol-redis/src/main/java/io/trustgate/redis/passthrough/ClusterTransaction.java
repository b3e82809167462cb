package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import io.trustgate.redis.session.ReplySink;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

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

    private static final CommandTable TABLE = CommandTable.standard();

    /** Where a transaction runs: the one slot of its keys ({@link ClusterSplitter#NO_KEYS} when it has none),
     *  or why it cannot run on a cluster. */
    record Plan(int slot, String refusal) {
    }

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
    private final ByteBufAllocator alloc;
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
                       UpstreamSettings settings, ByteBufAllocator alloc) {
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

    /**
     * Checks a queued transaction can run on one node: every key in one slot (else Redis' CROSSSLOT error), no
     * command that needs every master (DBSIZE, KEYS, SCAN, FLUSHALL...: on one node they would answer for that
     * node only) and no CLUSTER command.
     */
    static Plan plan(List<RespRequest> queued) {
        int txSlot = ClusterSplitter.NO_KEYS;
        for (RespRequest r : queued) {
            CommandSpec spec = TABLE.lookup(r);
            if (spec != null && ClusterTarget.clusterOnly(spec)) {
                return new Plan(txSlot, "EXECABORT Transaction discarded because of previous errors: "
                        + ClusterTarget.CLUSTER_DISABLED);
            }
            if (spec != null && (spec.name().equals("SCAN") || ClusterTarget.everyMaster(spec, r) != null)) {
                return new Plan(txSlot, "EXECABORT Transaction discarded: '" + spec.name().toLowerCase(Locale.ROOT)
                        + "' needs every cluster node, and a transaction runs on one");
            }
            int s = ClusterSplitter.slotOf(spec, r);
            if (s == ClusterSplitter.CROSS || (s >= 0 && txSlot >= 0 && s != txSlot)) {
                return new Plan(txSlot, ClusterSplitter.CROSSSLOT);
            }
            txSlot = s >= 0 ? s : txSlot;
        }
        return new Plan(txSlot, null);
    }

    /** Writes the transaction to {@link #node}, preceded by ASKING when {@code asking}. */
    void send(boolean asking) {
        UpstreamConnection c = connector.connection(node);
        if (c == null) {
            fail(unavailable);
            return;
        }
        if (asking) {
            c.send(ClusterConnections.command(alloc, "ASKING"), UpstreamConnection.DISCARD,
                    UpstreamConnection.WITH_TIMEOUT);
        }
        c.send(ClusterConnections.command(alloc, "MULTI"), UpstreamConnection.DISCARD,
                UpstreamConnection.WITH_TIMEOUT);
        for (ByteBuf frame : frames) {
            c.send(frame.retainedDuplicate(), queued, UpstreamConnection.WITH_TIMEOUT);
        }
        c.send(ClusterConnections.command(alloc, "EXEC"), this, UpstreamConnection.WITH_TIMEOUT);
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
