package io.trustgate.redis.session;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.WriteBatcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a client's replies in request order, whatever order the backends answer in. Lives on the client's
 * event loop; not thread-safe.
 *
 * <p>Writes are not flushed one by one: replies produced while the client's read batch is handled leave in one
 * flush at its end ({@code channelReadComplete}); outside one, the first write in an event-loop turn schedules one
 * flush task, so all the replies that turn produced (from many backend reads) leave in one syscall.
 */
final class ReplyQueue {

    private final Channel channel;
    private final ArrayDeque<ReplySlot> slots = new ArrayDeque<>();
    private final WriteBatcher out;
    private boolean closed;
    private boolean closeWhenDrained;
    private Runnable drainListener;

    ReplyQueue(Channel channel) {
        this.channel = channel;
        this.out = new WriteBatcher(channel, true);
    }

    /** Called after replies were written and fewer remain owed; the session uses it to resume reading. */
    void onDrain(Runnable listener) {
        this.drainListener = listener;
    }

    /** Closes the connection once every owed reply has been written (QUIT, protocol errors). */
    void closeWhenDrained() {
        closeWhenDrained = true;
        if (slots.isEmpty()) {
            closeNow();
        }
    }

    private void closeNow() {
        out.flushNow();
        channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    /** The client's read batch starts: replies written until {@link #endReadBatch()} are flushed then. */
    void beginReadBatch() {
        if (!closed) {
            out.beginReadBatch();
        }
    }

    /** The client's read batch ended: flushes the replies it produced (one syscall for a pipeline). */
    void endReadBatch() {
        if (!closed) {
            out.endReadBatch();
        }
    }

    /** A new slot at the tail. */
    ReplySlot newSlot() {
        ReplySlot slot = new ReplySlot(this);
        slots.addLast(slot);
        return slot;
    }

    /** A slot that carries a stream of replies (relay mode) and never completes. */
    StreamSlot newStreamSlot() {
        StreamSlot slot = new StreamSlot(this);
        slots.addLast(slot);
        return slot;
    }

    /** Writes {@code message} now if nothing is owed before it, else queues it behind what is. */
    void reply(Object message) {
        if (slots.isEmpty() && !closed) {
            write(message);
        } else {
            newSlot().complete(message);
        }
    }

    int pending() {
        return slots.size();
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    void completed(ReplySlot slot) {
        if (closed) {
            ReferenceCountUtil.release(slot.reply);
            slot.reply = null;
            return;
        }
        if (slots.peekFirst() != slot) {
            return;
        }
        drain();
    }

    void streamed(StreamSlot slot, Object message) {
        if (closed) {
            ReferenceCountUtil.release(message);
        } else if (slots.peekFirst() == slot) {
            write(message);
        } else {
            slot.buffered.add(message);
        }
    }

    private void drain() {
        ReplySlot head;
        while ((head = slots.peekFirst()) != null) {
            if (head instanceof StreamSlot stream) {
                for (Object message : stream.buffered) {
                    write(message);
                }
                stream.buffered.clear();
                return;
            }
            if (!head.done) {
                break;
            }
            slots.pollFirst();
            Object reply = head.reply;
            head.reply = null;
            write(reply);
        }
        if (slots.isEmpty() && closeWhenDrained) {
            closeNow();
        } else if (drainListener != null) {
            drainListener.run();
        }
    }

    private void write(Object message) {
        out.write(message);
    }

    /** Releases everything still queued; later completions are dropped. */
    void close() {
        closed = true;
        out.discard();
        for (ReplySlot slot : slots) {
            ReferenceCountUtil.release(slot.reply);
            slot.reply = null;
            if (slot instanceof StreamSlot stream) {
                stream.buffered.forEach(ReferenceCountUtil::release);
                stream.buffered.clear();
            }
        }
        slots.clear();
    }

    /** The slot of a client in relay mode: every message is written in order once all earlier replies are. */
    static final class StreamSlot extends ReplySlot {
        final List<Object> buffered = new ArrayList<>();

        StreamSlot(ReplyQueue queue) {
            super(queue);
        }

        void stream(Object message) {
            queue.streamed(this, message);
        }
    }
}
