package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespWriter;
import io.trustgate.redis.session.ReplySink;

/**
 * Collects the replies of the parts of one client command (a split MGET, a KEYS sent to every master, ...) and
 * answers the client once, when the last part is in. If any part failed, the client gets the first failure in
 * part order; the other parts may have taken effect (MSET, DEL across slots are not atomic, as with any Redis
 * Cluster client). The merged reply is a new RESP buffer; the parts' buffers are released here.
 *
 * <p>Lives on the client's event loop; each {@link #part(int)} sink is answered once.
 */
final class ClusterMerge {

    /** How the parts' replies become one. */
    enum Kind {
        /** Arrays of values (MGET), put back at the positions of their keys in the client's command. */
        VALUES,
        /** Integers, added up (DEL, EXISTS, DBSIZE, ...). */
        SUM,
        /** Arrays, one after the other (KEYS). */
        CONCAT,
        /** The first part's reply, once every part succeeded (MSET, FLUSHALL, SCRIPT LOAD: +OK or the same). */
        FIRST,
        /** The first reply that is not null (RANDOMKEY: one master may be empty while others are not). */
        ANY
    }

    private final Kind kind;
    private final Object[] replies;
    private final int[][] positions;
    private final int total;
    private final ReplySink out;
    private final ByteBufAllocator alloc;
    private final String backendName;
    private int remaining;

    /**
     * @param positions for {@link Kind#VALUES}: per part, the index in the merged array of each of its values;
     *                  null otherwise
     * @param total     for {@link Kind#VALUES}: the length of the merged array
     */
    ClusterMerge(Kind kind, int parts, int[][] positions, int total, ReplySink out, ByteBufAllocator alloc,
                 String backendName) {
        this.kind = kind;
        this.replies = new Object[parts];
        this.positions = positions;
        this.total = total;
        this.out = out;
        this.alloc = alloc;
        this.backendName = backendName;
        this.remaining = parts;
    }

    /** The sink for part {@code i}. */
    ReplySink part(int i) {
        return new ReplySink() {
            @Override
            public void complete(Object message) {
                arrived(i, message);
            }

            @Override
            public void fail(String error) {
                arrived(i, new ClusterReplies.Error(error));
            }
        };
    }

    private void arrived(int i, Object reply) {
        if (replies[i] != null) {
            ReferenceCountUtil.release(reply);
            return;
        }
        replies[i] = reply;
        if (--remaining == 0) {
            finish();
        }
    }

    private void finish() {
        try {
            for (int i = 0; i < replies.length; i++) {
                Object r = replies[i];
                if (r instanceof ClusterReplies.Error e) {
                    out.fail(e.text());
                    return;
                }
                if (ClusterReplies.isError(r)) {
                    replies[i] = null;
                    out.complete(r);
                    return;
                }
            }
            switch (kind) {
                case VALUES -> out.complete(values());
                case SUM -> out.complete(sum());
                case CONCAT -> out.complete(concat());
                case FIRST -> out.complete(take(0));
                case ANY -> out.complete(take(firstNonNull()));
                default -> throw new IllegalStateException(kind.name());
            }
        } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
            out.fail("ERR backend '" + backendName + "' sent an unexpected reply to a command the gateway split "
                    + "across cluster nodes: " + e.getMessage());
        } finally {
            for (Object r : replies) {
                ReferenceCountUtil.release(r);
            }
        }
    }

    private Object take(int i) {
        Object r = replies[i];
        replies[i] = null;
        return r;
    }

    private int firstNonNull() {
        for (int i = 0; i < replies.length; i++) {
            ByteBuf r = (ByteBuf) replies[i];
            byte type = r.getByte(r.readerIndex());
            boolean nil = type == '_' || (type == '$' && r.getByte(r.readerIndex() + 1) == '-');
            if (!nil) {
                return i;
            }
        }
        return 0;
    }

    private ByteBuf values() {
        ByteBuf[] parts = new ByteBuf[replies.length];
        int[][] elements = new int[replies.length][];
        int size = 16;
        for (int i = 0; i < replies.length; i++) {
            parts[i] = (ByteBuf) replies[i];
            elements[i] = ClusterReplies.elements(parts[i]);
            if (elements[i].length / 2 != positions[i].length) {
                throw new IllegalArgumentException("expected " + positions[i].length + " values, got "
                        + elements[i].length / 2);
            }
            size += parts[i].readableBytes();
        }
        int[] partOf = new int[total];
        int[] elementOf = new int[total];
        for (int i = 0; i < parts.length; i++) {
            for (int e = 0; e < positions[i].length; e++) {
                partOf[positions[i][e]] = i;
                elementOf[positions[i][e]] = e;
            }
        }
        ByteBuf merged = alloc.buffer(size);
        RespWriter.writeArrayHeader(merged, total);
        for (int v = 0; v < total; v++) {
            ByteBuf part = parts[partOf[v]];
            int e = elementOf[v];
            merged.writeBytes(part, part.readerIndex() + elements[partOf[v]][2 * e], elements[partOf[v]][2 * e + 1]);
        }
        return merged;
    }

    private ByteBuf sum() {
        long sum = 0;
        for (Object r : replies) {
            sum = Math.addExact(sum, ClusterReplies.integer((ByteBuf) r));
        }
        ByteBuf merged = alloc.buffer(24);
        RespWriter.writeInteger(merged, sum);
        return merged;
    }

    private ByteBuf concat() {
        long count = 0;
        int size = 16;
        for (Object r : replies) {
            count += Math.max(0, ClusterReplies.arrayCount((ByteBuf) r));
            size += ((ByteBuf) r).readableBytes();
        }
        ByteBuf merged = alloc.buffer(size);
        RespWriter.writeArrayHeader(merged, count);
        for (Object r : replies) {
            ByteBuf part = (ByteBuf) r;
            if (ClusterReplies.arrayCount(part) > 0) {
                int header = ClusterReplies.headerLength(part);
                merged.writeBytes(part, part.readerIndex() + header, part.readableBytes() - header);
            }
        }
        return merged;
    }
}
