package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;

import java.util.ArrayList;
import java.util.List;

/**
 * The buffers encoded replies become: frame bytes go into one pooled buffer, and so do small bulk contents;
 * a content larger than {@link #COPY_LIMIT} is not copied but written as a retained slice between two frame
 * buffers, so a large value leaves as it came.
 *
 * <p>Two modes. Collecting ({@link #FrameOutput(ByteBufAllocator)}, one reply, used by {@link RespEncoder}): the
 * buffers are kept until {@link #writeTo} or {@link #discard}. Streaming ({@link #FrameOutput(Channel)}, used by
 * {@link WriteBatcher}): replies after replies go into the same buffer, which the owner writes to the channel with
 * {@link #writeCurrent()} when it flushes; a large content's slice is written to the channel at once, after the
 * bytes before it. Owns every buffer it holds until then. Event-loop only.
 */
final class FrameOutput {

    static final int COPY_LIMIT = 1024;
    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] CRLF = {'\r', '\n'};

    private final ByteBufAllocator alloc;
    /** Streaming mode: where parts go as soon as they are complete; null when collecting. */
    private final Channel channel;
    private ByteBuf current;
    private List<ByteBuf> parts;
    /** Streaming mode: parts written to the channel. */
    private long written;

    FrameOutput(ByteBufAllocator alloc) {
        this.alloc = alloc;
        this.channel = null;
    }

    FrameOutput(Channel channel) {
        this.alloc = channel.alloc();
        this.channel = channel;
    }

    private ByteBuf current() {
        if (current == null) {
            current = alloc.ioBuffer(INITIAL_CAPACITY);
        }
        return current;
    }

    /** Bytes in the current buffer, not yet written (streaming mode). */
    int pending() {
        return current == null ? 0 : current.readableBytes();
    }

    /** The readable bytes of {@code frame}, copied; {@code frame} is not released. */
    void copy(ByteBuf frame) {
        current().writeBytes(frame, frame.readerIndex(), frame.readableBytes());
    }

    /** Streaming mode: writes the current buffer to the channel (not flushed) and starts a new one on demand. */
    void writeCurrent() {
        if (current != null) {
            ByteBuf buf = current;
            current = null;
            if (buf.isReadable()) {
                written++;
                channel.write(buf, channel.voidPromise());
            } else {
                buf.release();
            }
        }
    }

    /** Streaming mode: parts written to the channel so far; with {@link #pending()}, a mark to rewind to. */
    long written() {
        return written;
    }

    /**
     * Streaming mode: drops the bytes appended since {@link #pending()} read {@code pendingMark} and
     * {@link #written()} read {@code writtenMark} (a failed encoding); false when part of them already left.
     */
    boolean rewindTo(long writtenMark, int pendingMark) {
        if (written != writtenMark) {
            return false;
        }
        if (current != null) {
            current.writerIndex(current.readerIndex() + pendingMark);
        }
        return true;
    }

    /** {@code <type><value>\r\n}, the form of headers, integers and one-line replies. */
    void line(byte type, long value) {
        ByteBuf buf = current();
        buf.writeByte(type);
        writeDecimal(buf, value);
        buf.writeBytes(CRLF);
    }

    /** The decimal digits of {@code value} (with a minus sign when negative), without a String. */
    static void writeDecimal(ByteBuf buf, long value) {
        if (value == Long.MIN_VALUE) {
            ByteBufUtil.writeAscii(buf, Long.toString(value));
            return;
        }
        if (value < 0) {
            buf.writeByte('-');
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        buf.ensureWritable(digits);
        int at = buf.writerIndex();
        for (int i = at + digits - 1; i >= at; i--) {
            buf.setByte(i, (int) ('0' + value % 10));
            value /= 10;
        }
        buf.writerIndex(at + digits);
    }

    /** {@code <type><text>\r\n} with {@code text} in UTF-8. */
    void line(byte type, CharSequence text) {
        ByteBuf buf = current();
        buf.writeByte(type);
        ByteBufUtil.writeUtf8(buf, text);
        buf.writeBytes(CRLF);
    }

    /** Bytes as they are, without CRLF. */
    void raw(byte[] bytes) {
        current().writeBytes(bytes);
    }

    void crlf() {
        current().writeBytes(CRLF);
    }

    /** The readable bytes of {@code content}, copied when small, else retained; {@code content} is not
     *  released (its owner, the message, is). */
    void content(ByteBuf content) {
        int length = content.readableBytes();
        if (length <= COPY_LIMIT) {
            if (content.hasArray()) {
                // a stored value wrapped for the reply: copied from its array, without the NIO buffer views a
                // heap-to-direct ByteBuf copy makes
                current().writeBytes(content.array(), content.arrayOffset() + content.readerIndex(), length);
            } else {
                current().writeBytes(content, content.readerIndex(), length);
            }
            return;
        }
        if (channel != null) {
            writeCurrent();
            written++;
            channel.write(content.retainedSlice(), channel.voidPromise());
            return;
        }
        if (parts == null) {
            parts = new ArrayList<>(4);
        }
        if (current != null) {
            parts.add(current);
            current = null;
        }
        parts.add(content.retainedSlice());
    }

    /** Writes everything to {@code ctx}; {@code promise} completes when all of it is written. */
    void writeTo(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (parts == null) {
            ctx.write(current(), promise);
            current = null;
            return;
        }
        if (current != null) {
            parts.add(current);
            current = null;
        }
        List<ByteBuf> all = parts;
        parts = null;
        if (promise.isVoid()) {
            for (ByteBuf part : all) {
                ctx.write(part, promise);
            }
            return;
        }
        PromiseCombiner combiner = new PromiseCombiner(ctx.executor());
        for (ByteBuf part : all) {
            combiner.add(ctx.write(part));
        }
        combiner.finish(promise);
    }

    /** Releases what was not written (encoding failed half way). */
    void discard() {
        if (current != null) {
            current.release();
            current = null;
        }
        if (parts != null) {
            parts.forEach(ByteBuf::release);
            parts = null;
        }
    }
}
