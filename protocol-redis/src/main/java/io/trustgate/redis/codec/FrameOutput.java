package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;

import java.util.ArrayList;
import java.util.List;

/**
 * The buffers one encoded reply becomes: frame bytes go into one pooled buffer, and so do small bulk contents;
 * a content larger than {@link #COPY_LIMIT} is not copied but written as a retained slice between two frame
 * buffers, so a large value leaves as it came. Owns every buffer it holds until {@link #writeTo} or
 * {@link #discard}. Event-loop only.
 */
final class FrameOutput {

    static final int COPY_LIMIT = 1024;
    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] CRLF = {'\r', '\n'};

    private final ByteBufAllocator alloc;
    private ByteBuf current;
    private List<ByteBuf> parts;

    FrameOutput(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    private ByteBuf current() {
        if (current == null) {
            current = alloc.ioBuffer(INITIAL_CAPACITY);
        }
        return current;
    }

    /** {@code <type><value>\r\n}, the form of headers, integers and one-line replies. */
    void line(byte type, long value) {
        ByteBuf buf = current();
        buf.writeByte(type);
        ByteBufUtil.writeAscii(buf, Long.toString(value));
        buf.writeBytes(CRLF);
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
            current().writeBytes(content, content.readerIndex(), length);
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
