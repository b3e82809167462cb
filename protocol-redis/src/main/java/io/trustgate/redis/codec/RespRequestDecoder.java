package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Turns client bytes into {@link RespRequest}s without copying them.
 *
 * <p>Multibulk requests ({@code *N\r\n$len\r\n...}) are scanned in place: the decoder only records where each
 * argument starts and, once the whole frame is there, emits a retained slice of it. Scanning resumes where it
 * stopped, so a large request arriving in many reads is walked once. Declared lengths are checked against
 * {@link RespLimits} before a byte of the body is waited for. Inline commands are split the way redis-cli and
 * Redis split them (quotes and escapes) and re-encoded as multibulk, so the rest of the gateway sees one shape.
 *
 * <p>Invalid input produces one {@link RespProtocolError} and then the decoder drops all further bytes; the
 * handler answers and closes.
 */
public final class RespRequestDecoder extends ByteToMessageDecoder {

    private enum State { START, ARRAY_LENGTH, BULK_LENGTH, BULK_DATA, FAILED }

    private final RespLimits limits;
    private State state = State.START;
    /** Offset of the parse position from the frame start (the reader index, which stays put until emit). */
    private int cursor;
    private int argc;
    private int argIndex;
    private int[] positions = new int[16];
    private int bulkLength;

    public RespRequestDecoder(RespLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(in, out);
    }

    /** The channel-free core, for tests: decodes as many requests as {@code in} holds into {@code out}. */
    void decode(ByteBuf in, List<Object> out) {
        for (;;) {
            switch (state) {
                case START -> {
                    if (!in.isReadable()) {
                        return;
                    }
                    if (in.getByte(in.readerIndex()) == '*') {
                        cursor = 1;
                        state = State.ARRAY_LENGTH;
                    } else if (!readInline(in, out)) {
                        return;
                    }
                }
                case ARRAY_LENGTH -> {
                    long n = readLength(in, "mbulk");
                    if (n == NEED_MORE) {
                        return;
                    }
                    if (n == BAD_NUMBER || n > limits.maxArrayLength() || n > Integer.MAX_VALUE / 2) {
                        fail(in, out, "invalid multibulk length");
                        return;
                    }
                    if (n <= 0) {
                        // "*0" and "*-1" carry no command; Redis skips them silently.
                        in.skipBytes(cursor);
                        state = State.START;
                        continue;
                    }
                    argc = (int) n;
                    argIndex = 0;
                    if (positions.length < 2 * Math.min(argc, 1024)) {
                        positions = new int[2 * Math.min(argc, 1024)];
                    }
                    state = State.BULK_LENGTH;
                }
                case BULK_LENGTH -> {
                    int at = in.readerIndex() + cursor;
                    if (at >= in.writerIndex()) {
                        return;
                    }
                    byte marker = in.getByte(at);
                    if (marker != '$') {
                        fail(in, out, "expected '$', got '" + (char) (marker & 0xff) + "'");
                        return;
                    }
                    cursor++;
                    long n = readLength(in, "bulk");
                    if (n == NEED_MORE) {
                        cursor--;
                        return;
                    }
                    if (n == BAD_NUMBER || n < 0 || n > limits.maxBulkLength()) {
                        fail(in, out, "invalid bulk length");
                        return;
                    }
                    bulkLength = (int) n;
                    state = State.BULK_DATA;
                }
                case BULK_DATA -> {
                    if ((long) in.readableBytes() < (long) cursor + bulkLength + 2) {
                        return;
                    }
                    if (2 * argIndex + 1 >= positions.length) {
                        int[] grown = new int[Math.min(positions.length * 2, 2 * argc)];
                        System.arraycopy(positions, 0, grown, 0, positions.length);
                        positions = grown;
                    }
                    positions[2 * argIndex] = cursor;
                    positions[2 * argIndex + 1] = bulkLength;
                    cursor += bulkLength + 2;
                    if (++argIndex == argc) {
                        emit(in, out);
                    } else {
                        state = State.BULK_LENGTH;
                    }
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private void emit(ByteBuf in, List<Object> out) {
        int[] exact = new int[2 * argc];
        System.arraycopy(positions, 0, exact, 0, exact.length);
        ByteBuf frame = in.retainedSlice(in.readerIndex(), cursor);
        in.skipBytes(cursor);
        out.add(new RespRequest(frame, exact, argc));
        state = State.START;
        cursor = 0;
    }

    private static final long NEED_MORE = Long.MIN_VALUE;
    private static final long BAD_NUMBER = Long.MIN_VALUE + 1;

    /** Reads the decimal and CRLF at {@code cursor}; advances the cursor past the CRLF on success. */
    private long readLength(ByteBuf in, String what) {
        int start = in.readerIndex() + cursor;
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.writerIndex() - start > 32) {
                // A length line this long can never be valid; let the caller fail it.
                return BAD_NUMBER;
            }
            return NEED_MORE;
        }
        int end = lf;
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        long value = parseLong(in, start, end);
        cursor = lf + 1 - in.readerIndex();
        return value;
    }

    static long parseLong(ByteBuf in, int start, int end) {
        if (start >= end || end - start > 19) {
            return BAD_NUMBER;
        }
        boolean negative = in.getByte(start) == '-';
        int i = negative ? start + 1 : start;
        if (i == end) {
            return BAD_NUMBER;
        }
        long value = 0;
        for (; i < end; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return BAD_NUMBER;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    private boolean readInline(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > limits.maxInlineLength()) {
                fail(in, out, "too big inline request");
            }
            return false;
        }
        if (lf - start > limits.maxInlineLength()) {
            fail(in, out, "too big inline request");
            return false;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.skipBytes(lf + 1 - start);
        List<byte[]> args = InlineSplitter.split(line);
        if (args == null) {
            fail(in, out, "unbalanced quotes in request");
            return false;
        }
        if (!args.isEmpty()) {
            if (args.size() > limits.maxArrayLength()) {
                fail(in, out, "invalid multibulk length");
                return false;
            }
            out.add(RespRequest.of(in.alloc(), args.toArray(new byte[0][])));
        }
        return true;
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(new RespProtocolError(reason));
    }
}
