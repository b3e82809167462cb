package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.trustgate.redis.session.ReplySink;

import java.net.InetSocketAddress;

/**
 * Stands between one forwarded command and whoever waits for its reply, and keeps MOVED and ASK inside the
 * gateway. On {@code -MOVED slot node} it records the new owner in the slot map (which also asks for a topology
 * refresh) and sends the command again to that node; on {@code -ASK slot node} it sends {@code ASKING} and then
 * the command to that node on one connection (the ASKING reply is swallowed there), leaving the map alone. Any
 * other reply goes on unchanged. After {@value #MAX_REDIRECTS} redirects the command is answered with an error.
 *
 * <p>Owns one reference to the command's frame until the command is answered, so it can send it again; each
 * sending gets a retained duplicate. Lives on the client's event loop.
 */
final class ClusterRedirect implements ReplySink {

    static final int MAX_REDIRECTS = 5;

    /** Sends {@code frame} (ownership passes) to {@code node}, preceded by ASKING when {@code asking}. */
    @FunctionalInterface
    interface Resend {
        void send(InetSocketAddress node, boolean asking, ByteBuf frame, ReplySink sink);
    }

    /** Counts redirects for metrics; called with true for ASK. */
    @FunctionalInterface
    interface Observer {
        void redirected(boolean ask);
    }

    private final ByteBuf frame;
    private final ReplySink next;
    private final ClusterTopology topology;
    private final Resend resend;
    private final Observer observer;
    private final String backendName;
    private InetSocketAddress node;
    private int redirects;

    /**
     * @param frame the command, whose reference this sink takes over
     * @param node  where the command is being sent first
     */
    ClusterRedirect(ByteBuf frame, InetSocketAddress node, ReplySink next, ClusterTopology topology, Resend resend,
                    Observer observer, String backendName) {
        this.frame = frame;
        this.node = node;
        this.next = next;
        this.topology = topology;
        this.resend = resend;
        this.observer = observer;
        this.backendName = backendName;
    }

    /** Sends the command for the first time. */
    void start() {
        resend.send(node, false, frame.retainedDuplicate(), this);
    }

    @Override
    public void complete(Object message) {
        if (message instanceof ByteBuf reply) {
            ClusterReplies.Redirect redirect = ClusterReplies.redirect(reply, node);
            if (redirect != null) {
                reply.release();
                if (++redirects > MAX_REDIRECTS) {
                    frame.release();
                    next.fail(tooMany(backendName, redirect));
                    return;
                }
                observer.redirected(redirect.ask());
                if (!redirect.ask()) {
                    topology.moved(redirect.slot(), redirect.node());
                }
                node = redirect.node();
                resend.send(node, redirect.ask(), frame.retainedDuplicate(), this);
                return;
            }
        }
        frame.release();
        next.complete(message);
    }

    @Override
    public void fail(String error) {
        // A node that cannot be reached may have failed over: look at the topology again.
        topology.requestRefresh();
        frame.release();
        next.fail(error);
    }

    static String tooMany(String backendName, ClusterReplies.Redirect last) {
        return "ERR backend '" + backendName + "' redirected the command more than " + MAX_REDIRECTS
                + " times (last: " + last.text() + "); the cluster is resharding, try again";
    }
}
