package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;

/**
 * Coalesces the many small frames a proxy writes in one event-loop turn into one buffer and one flush.
 *
 * <p>A pipelining client, or fifty clients sharing a backend connection, produce hundreds of tiny frames per
 * turn; writing each as its own message costs a pipeline pass and an outbound-buffer entry apiece. Frames up to
 * {@link #COPY_LIMIT} bytes are copied into one batch buffer instead; larger ones go out as they are (after the
 * batch, so order holds). Other messages ({@code RedisMessage}s for the encoder) also flush the batch first.
 * The first write of a turn schedules a single flush task on the channel's event loop; writes made while the
 * channel's own read batch is being handled ({@link #beginReadBatch()} .. {@link #endReadBatch()}, i.e. from
 * {@code channelRead} to {@code channelReadComplete}) are flushed once at its end instead, without a task.
 *
 * <p>Event-loop only; not thread-safe.
 */
public final class WriteBatcher {

    static final int COPY_LIMIT = 2048;
    private static final int BATCH_CAPACITY = 16 * 1024;

    private final Channel channel;
    private final Runnable flushTask = this::flushTask;
    private ByteBuf batch;
    /** The turn's first small frame, written as is if no other follows (the common unpipelined case). */
    private ByteBuf single;
    /** Something was written since the last flush. */
    private boolean flushPending;
    /** A flush task is queued on the event loop. */
    private boolean taskQueued;
    /** Inside a read batch of this channel: {@link #endReadBatch()} flushes. */
    private boolean readBatch;
    private boolean enabled = true;

    public WriteBatcher(Channel channel) {
        this.channel = channel;
    }

    /** Writes {@code message} (ownership passes here) and makes sure a flush follows this turn. */
    public void write(Object message) {
        if (message instanceof ByteBuf frame && frame.readableBytes() <= COPY_LIMIT && enabled) {
            if (batch == null && single == null) {
                single = frame;
                scheduleFlush();
                return;
            }
            if (batch == null) {
                batch = channel.alloc().directBuffer(BATCH_CAPACITY);
                batch.writeBytes(single, single.readerIndex(), single.readableBytes());
                single.release();
                single = null;
            } else if (batch.writableBytes() < frame.readableBytes()) {
                channel.write(batch, channel.voidPromise());
                batch = channel.alloc().directBuffer(BATCH_CAPACITY);
            }
            batch.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
            frame.release();
        } else {
            writeBatch();
            channel.write(message, channel.voidPromise());
        }
        scheduleFlush();
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
        if (batch != null) {
            if (batch.isReadable()) {
                channel.write(batch, channel.voidPromise());
            } else {
                batch.release();
            }
            batch = null;
        }
    }

    /** Writes what is batched and flushes the channel now. */
    public void flushNow() {
        flushPending = false;
        writeBatch();
        channel.flush();
    }

    /** Drops anything not yet written (the channel is gone). */
    public void discard() {
        enabled = false;
        if (single != null) {
            single.release();
            single = null;
        }
        if (batch != null) {
            ReferenceCountUtil.release(batch);
            batch = null;
        }
    }
}
