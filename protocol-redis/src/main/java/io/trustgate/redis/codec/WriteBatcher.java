package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * Coalesces the many small frames a proxy writes in one event-loop turn into one buffer and one flush.
 *
 * <p>A pipelining client, or fifty clients sharing a backend connection, produce hundreds of tiny frames per
 * turn; writing each as its own message costs a pipeline pass and an outbound-buffer entry apiece. Frames up to
 * {@link #COPY_LIMIT} bytes are copied into one batch buffer instead; larger ones go out as they are (after the
 * batch, so order holds). A batcher made {@linkplain #WriteBatcher(Channel, boolean) to encode replies} also
 * encodes {@code RedisMessage}s straight into the batch (what {@link RespEncoder} would write, in the RESP version
 * the last {@link RespVersion} written through it chose), so a reply costs neither a buffer of its own nor a
 * pipeline pass; otherwise they go to the pipeline's encoder, after the batch. The first write of a turn schedules
 * a single flush task on the channel's event loop; writes made while the channel's own read batch is being
 * handled ({@link #beginReadBatch()} .. {@link #endReadBatch()}, i.e. from {@code channelRead} to
 * {@code channelReadComplete}) are flushed once at its end instead, without a task.
 *
 * <p>Event-loop only; not thread-safe.
 */
public final class WriteBatcher {

    static final int COPY_LIMIT = 2048;
    /** A batch this large is written out (not flushed) and a new one started. */
    private static final int BATCH_CAPACITY = 16 * 1024;

    private final Channel channel;
    private final Runnable flushTask = this::flushTask;
    /** Holds the batch: copied frames and encoded replies. */
    private final FrameOutput batch;
    private final boolean encodesReplies;
    private boolean resp3;
    /** The turn's first small frame, written as is if no other follows (the common unpipelined case). */
    private ByteBuf single;
    /** Something was written since the last flush. */
    private boolean flushPending;
    /** A flush task is queued on the event loop. */
    private boolean taskQueued;
    /** Inside a read batch of this channel: {@link #endReadBatch()} flushes. */
    private boolean readBatch;
    private boolean enabled = true;

    /** A batcher that leaves {@code RedisMessage}s to the pipeline's encoder. */
    public WriteBatcher(Channel channel) {
        this(channel, false);
    }

    /**
     * @param encodesReplies encode {@code RedisMessage}s here, in the version {@link RespVersion} messages written
     *                       through this batcher select (RESP2 first); the pipeline's {@link RespEncoder}, if any,
     *                       still hears of each version
     */
    public WriteBatcher(Channel channel, boolean encodesReplies) {
        this.channel = channel;
        this.batch = new FrameOutput(channel);
        this.encodesReplies = encodesReplies;
    }

    /** Writes {@code message} (ownership passes here) and makes sure a flush follows this turn. */
    public void write(Object message) {
        if (!enabled) {
            channel.write(message, channel.voidPromise()); // the channel is gone: it releases the message
            return;
        }
        if (message instanceof ByteBuf frame && frame.readableBytes() <= COPY_LIMIT) {
            if (batch.pending() == 0 && single == null) {
                single = frame;
                scheduleFlush();
                return;
            }
            takeSingle();
            batch.copy(frame);
            frame.release();
            spillIfFull();
        } else if (encodesReplies && message instanceof RedisMessage reply) {
            takeSingle();
            encode(reply);
            spillIfFull();
        } else {
            if (encodesReplies && message instanceof RespVersion version) {
                resp3 = version == RespVersion.RESP3;
            }
            writeBatch();
            channel.write(message, channel.voidPromise());
        }
        scheduleFlush();
    }

    private void encode(RedisMessage reply) {
        long writtenMark = batch.written();
        int pendingMark = batch.pending();
        try {
            RespEncoder.encode(reply, resp3, batch);
        } catch (RuntimeException e) {
            if (!batch.rewindTo(writtenMark, pendingMark)) {
                batch.writeCurrent(); // half a reply left already: the connection is beyond repair
            }
            channel.pipeline().fireExceptionCaught(e instanceof EncoderException ? e : new EncoderException(e));
        } finally {
            ReferenceCountUtil.release(reply);
        }
    }

    /** Moves a kept single frame into the batch, ahead of what comes next. */
    private void takeSingle() {
        if (single != null) {
            batch.copy(single);
            single.release();
            single = null;
        }
    }

    private void spillIfFull() {
        if (batch.pending() >= BATCH_CAPACITY) {
            batch.writeCurrent();
        }
    }

    private void scheduleFlush() {
        flushPending = true;
        if (!readBatch && !taskQueued) {
            taskQueued = true;
            channel.eventLoop().execute(flushTask);
        }
    }

    /** The channel's read batch starts: what is written until {@link #endReadBatch()} is flushed then. */
    public void beginReadBatch() {
        readBatch = true;
    }

    /** The read batch ended ({@code channelReadComplete}): flushes what it wrote. */
    public void endReadBatch() {
        readBatch = false;
        if (flushPending) {
            flushNow();
        }
    }

    private void flushTask() {
        taskQueued = false;
        if (flushPending) {
            flushNow();
        }
    }

    private void writeBatch() {
        if (single != null) {
            channel.write(single, channel.voidPromise());
            single = null;
        }
        batch.writeCurrent();
    }

    /** Writes what is batched and flushes the channel now. */
    public void flushNow() {
        flushPending = false;
        writeBatch();
        channel.flush();
    }

    /** Drops anything not yet written (the channel is gone); later writes go to the channel unbatched. */
    public void discard() {
        enabled = false;
        if (single != null) {
            single.release();
            single = null;
        }
        batch.discard();
    }
}
