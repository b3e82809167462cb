package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.codec.RespWriter;
import io.trustgate.redis.session.ReplySink;

/**
 * SCAN over every master, one after the other, behind one cursor. The client's cursor carries the master's
 * number (its index in the {@link SlotMap}) in its top {@value #NODE_BITS} bits and that master's own cursor in
 * the rest: cursor 0 starts at master 0; when a master says 0 (done) the client gets the cursor that starts the
 * next master; after the last master it gets 0. A page may come back empty when a master is done, which SCAN
 * allows. Options (MATCH, COUNT, TYPE) go to every master unchanged.
 *
 * <p>SCAN's guarantees hold per master while the set of masters stays the same; if masters are added or removed
 * mid-scan the numbering can shift, as with any cluster client that scans node by node. A master cursor too
 * large to fit ({@value #NODE_SHIFT} bits; Redis' cursors stay far below) is refused with an error rather than
 * cut. Stateless.
 */
final class ClusterScan {

    static final int NODE_BITS = 10;
    static final int NODE_SHIFT = 64 - NODE_BITS;
    static final long NODE_CURSOR_MASK = (1L << NODE_SHIFT) - 1;
    static final int MAX_NODES = 1 << NODE_BITS;

    private ClusterScan() {
    }

    /** The client cursor in {@code request} (argument 1), read as Redis does: unsigned 64-bit decimal. */
    static long cursor(RespRequest request) {
        return Long.parseUnsignedLong(request.argString(1));
    }

    static int node(long cursor) {
        return (int) (cursor >>> NODE_SHIFT);
    }

    static long nodeCursor(long cursor) {
        return cursor & NODE_CURSOR_MASK;
    }

    /** The client cursor after master {@code node} of {@code nodes} answered with cursor {@code next}. */
    static long next(int node, int nodes, long next) {
        if (Long.compareUnsigned(next, NODE_CURSOR_MASK) > 0) {
            throw new IllegalArgumentException("cursor " + Long.toUnsignedString(next) + " needs more than "
                    + NODE_SHIFT + " bits");
        }
        if (next != 0) {
            return ((long) node << NODE_SHIFT) | next;
        }
        return node + 1 < nodes ? (long) (node + 1) << NODE_SHIFT : 0;
    }

    /** {@code request} with its cursor replaced by {@code nodeCursor}; a new buffer owned by the caller. */
    static ByteBuf subRequest(RespRequest request, long nodeCursor, ByteBufAllocator alloc) {
        int size = 32;
        for (int i = 0; i < request.argc(); i++) {
            size += 16 + request.argLength(i);
        }
        ByteBuf buf = alloc.buffer(size);
        RespWriter.writeArrayHeader(buf, request.argc());
        RespWriter.writeBulk(buf, request.arg(0));
        RespWriter.writeBulk(buf, Long.toUnsignedString(nodeCursor));
        for (int i = 2; i < request.argc(); i++) {
            RespWriter.writeBulk(buf, request.arg(i));
        }
        return buf;
    }

    /** A sink that turns master {@code node}'s SCAN reply into the client's and passes it to {@code out}. */
    static ReplySink rewrite(int node, int nodes, ReplySink out, ByteBufAllocator alloc, String backendName) {
        return new ReplySink() {
            @Override
            public void complete(Object message) {
                ByteBuf reply = (ByteBuf) message;
                if (ClusterReplies.isError(reply)) {
                    out.complete(reply);
                    return;
                }
                ByteBuf rewritten;
                try {
                    rewritten = rewriteReply(reply, node, nodes, alloc);
                } catch (IllegalArgumentException | ClassCastException e) {
                    out.fail("ERR backend '" + backendName + "' sent a SCAN reply the gateway cannot carry across "
                            + "cluster nodes: " + e.getMessage());
                    return;
                } finally {
                    reply.release();
                }
                out.complete(rewritten);
            }

            @Override
            public void fail(String error) {
                out.fail(error);
            }
        };
    }

    static ByteBuf rewriteReply(ByteBuf reply, int node, int nodes, ByteBufAllocator alloc) {
        int[] elements = ClusterReplies.elements(reply);
        if (elements.length != 4) {
            throw new IllegalArgumentException("expected [cursor, keys]");
        }
        ByteBuf cursorFrame = reply.slice(reply.readerIndex() + elements[0], elements[1]);
        long next = Long.parseUnsignedLong((String) ClusterReplies.parse(cursorFrame));
        long cursor = next(node, nodes, next);
        ByteBuf out = alloc.buffer(48 + elements[3]);
        RespWriter.writeArrayHeader(out, 2);
        RespWriter.writeBulk(out, Long.toUnsignedString(cursor));
        out.writeBytes(reply, reply.readerIndex() + elements[2], elements[3]);
        return out;
    }
}
