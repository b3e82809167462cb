package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

import java.nio.charset.StandardCharsets;

/**
 * One client request: a RESP multibulk frame, kept as the client's original bytes, plus the position of
 * each argument inside those bytes.
 *
 * <p>Passthrough forwards {@link #frame()} unchanged; command handlers read arguments with {@link #arg(int)}
 * and friends, which never copy. Inline (telnet-style) requests are re-encoded into a multibulk frame once by
 * the decoder, so downstream code sees one shape.
 *
 * <p>Ownership: the request holds one reference to its frame. Whoever receives a request from the pipeline
 * releases it (or hands it on). Slices returned by {@link #arg(int)} are not retained and die with the request.
 */
public final class RespRequest extends AbstractReferenceCounted {

    private final ByteBuf frame;
    /** argument i starts at positions[2i] and is positions[2i+1] bytes long, both relative to the frame. */
    private final int[] positions;
    private final int argc;

    RespRequest(ByteBuf frame, int[] positions, int argc) {
        this.frame = frame;
        this.positions = positions;
        this.argc = argc;
    }

    /** Builds a request from plain arguments, encoding a fresh multibulk frame (used for tests and for
     *  commands the gateway itself sends upstream). */
    public static RespRequest of(io.netty.buffer.ByteBufAllocator alloc, byte[]... args) {
        int size = 16;
        for (byte[] a : args) {
            size += a.length + 16;
        }
        ByteBuf buf = alloc.buffer(size);
        int[] positions = new int[args.length * 2];
        RespWriter.writeArrayHeader(buf, args.length);
        for (int i = 0; i < args.length; i++) {
            RespWriter.writeBulkHeader(buf, args[i].length);
            positions[2 * i] = buf.writerIndex();
            positions[2 * i + 1] = args[i].length;
            buf.writeBytes(args[i]);
            RespWriter.writeCrlf(buf);
        }
        return new RespRequest(buf, positions, args.length);
    }

    /** Convenience form of {@link #of(io.netty.buffer.ByteBufAllocator, byte[]...)} for text arguments. */
    public static RespRequest of(io.netty.buffer.ByteBufAllocator alloc, String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return of(alloc, bytes);
    }

    /** The whole request as the client sent it (multibulk), readable from its reader index. Not retained. */
    public ByteBuf frame() {
        return frame;
    }

    /** Number of arguments, including the command name. Always at least 1. */
    public int argc() {
        return argc;
    }

    /** A read-only view of argument {@code i}; valid only while this request is alive. */
    public ByteBuf arg(int i) {
        return frame.slice(frame.readerIndex() + positions[2 * i], positions[2 * i + 1]);
    }

    /** Where argument {@code i} starts in {@link #frame()} (an absolute index): read it there without a slice. */
    public int argOffset(int i) {
        return frame.readerIndex() + positions[2 * i];
    }

    public int argLength(int i) {
        return positions[2 * i + 1];
    }

    /** A copy of argument {@code i}. */
    public byte[] argBytes(int i) {
        byte[] out = new byte[positions[2 * i + 1]];
        frame.getBytes(frame.readerIndex() + positions[2 * i], out);
        return out;
    }

    /** Argument {@code i} decoded as UTF-8. */
    public String argString(int i) {
        return frame.toString(frame.readerIndex() + positions[2 * i], positions[2 * i + 1], StandardCharsets.UTF_8);
    }

    /** The byte at {@code offset} inside argument {@code i}. */
    public byte argByte(int i, int offset) {
        return frame.getByte(frame.readerIndex() + positions[2 * i] + offset);
    }

    /** True when argument {@code i} equals {@code upperAscii} ignoring ASCII case; {@code upperAscii} must be
     *  upper case. Allocates nothing. */
    public boolean argIs(int i, String upperAscii) {
        int len = positions[2 * i + 1];
        if (len != upperAscii.length()) {
            return false;
        }
        int base = frame.readerIndex() + positions[2 * i];
        for (int k = 0; k < len; k++) {
            int b = frame.getByte(base + k);
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (b != upperAscii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The command name in upper case (allocates; the hot path uses the command table instead). */
    public String name() {
        return argString(0).toUpperCase(java.util.Locale.ROOT);
    }

    /** Parses argument {@code i} as a signed 64-bit decimal as Redis does (no spaces, no plus sign).
     *  @throws NumberFormatException when it is not one */
    public long argLong(int i) {
        int len = positions[2 * i + 1];
        if (len == 0 || len > 20) {
            throw new NumberFormatException();
        }
        int base = frame.readerIndex() + positions[2 * i];
        int k = 0;
        boolean negative = false;
        if (frame.getByte(base) == '-') {
            negative = true;
            k = 1;
            if (len == 1) {
                throw new NumberFormatException();
            }
        }
        if (frame.getByte(base + k) == '0' && len > k + 1) {
            throw new NumberFormatException();
        }
        long value = 0;
        try {
            for (; k < len; k++) {
                int d = frame.getByte(base + k) - '0';
                if (d < 0 || d > 9) {
                    throw new NumberFormatException();
                }
                value = negative ? Math.subtractExact(Math.multiplyExact(value, 10), d)
                        : Math.addExact(Math.multiplyExact(value, 10), d);
            }
        } catch (ArithmeticException overflow) {
            throw new NumberFormatException();
        }
        if (negative && value == 0) {
            throw new NumberFormatException();
        }
        return value;
    }

    @Override
    protected void deallocate() {
        frame.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        frame.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RespRequest[");
        for (int i = 0; i < argc && i < 8; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(argLength(i) > 64 ? argString(i).substring(0, 64) + "..." : argString(i));
        }
        return sb.append(argc > 8 ? " ...]" : "]").toString();
    }
}
