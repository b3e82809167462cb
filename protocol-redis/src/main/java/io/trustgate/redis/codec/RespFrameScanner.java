package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;

/**
 * Finds where one complete RESP2 or RESP3 value ends, without decoding it. Used on backend replies, which
 * passthrough forwards byte for byte: the gateway only needs to know where each reply stops so it can hand it
 * to the request that is owed it.
 *
 * <p>Scanning is resumable: when a reply is incomplete the scanner remembers how far it got (relative to the
 * reader index, which must not move until a frame is taken), so a huge array arriving in many reads is walked
 * once. An attribute ({@code |}) is counted together with the value it annotates. One instance per connection;
 * not thread-safe.
 */
public final class RespFrameScanner {

    /** Longest header line accepted (a type byte, a number or a simple string). */
    private static final int MAX_LINE = 64 * 1024 * 1024;

    private int cursor;
    private long[] remaining = new long[8];
    private int depth;

    /**
     * Returns the length of the complete frame starting at {@code in.readerIndex()}, or -1 if more bytes are
     * needed. Does not move the reader index.
     *
     * @throws RespCodecException when the bytes are not RESP
     */
    public int scan(ByteBuf in) {
        final int base = in.readerIndex();
        final int limit = in.readableBytes();
        for (;;) {
            if (cursor >= limit) {
                return -1;
            }
            int typeAt = base + cursor;
            byte type = in.getByte(typeAt);
            int lf = in.indexOf(typeAt + 1, base + limit, (byte) '\n');
            if (lf < 0) {
                if (limit - cursor > MAX_LINE) {
                    throw fail("line too long");
                }
                return -1;
            }
            int lineEnd = lf + 1 - base;
            int next;
            switch (type) {
                case '+', '-', ':', ',', '#', '_', '(' -> next = lineEnd;
                case '$', '!', '=' -> {
                    long len = number(in, typeAt + 1, lf);
                    if (len < 0) {
                        next = lineEnd;
                    } else {
                        long end = lineEnd + len + 2;
                        if (end > limit) {
                            return -1;
                        }
                        next = (int) end;
                    }
                }
                case '*', '~', '>', '%', '|' -> {
                    long n = number(in, typeAt + 1, lf);
                    if (type == '%') {
                        n *= 2;
                    } else if (type == '|') {
                        n = n * 2 + 1;
                    }
                    if (n > 0) {
                        push(n);
                        cursor = lineEnd;
                        continue;
                    }
                    next = lineEnd;
                }
                default -> throw fail("unexpected type byte '" + (char) (type & 0xff) + "'");
            }
            cursor = next;
            // One element finished: close every aggregate it completes.
            while (depth > 0) {
                if (--remaining[depth - 1] > 0) {
                    break;
                }
                depth--;
            }
            if (depth == 0) {
                int length = cursor;
                cursor = 0;
                return length;
            }
        }
    }

    /** Forgets a partly scanned frame (after the connection is reset). */
    public void reset() {
        cursor = 0;
        depth = 0;
    }

    private void push(long n) {
        if (depth == remaining.length) {
            long[] grown = new long[depth * 2];
            System.arraycopy(remaining, 0, grown, 0, depth);
            remaining = grown;
        }
        remaining[depth++] = n;
    }

    private RespCodecException fail(String reason) {
        reset();
        return new RespCodecException(reason);
    }

    private long number(ByteBuf in, int start, int lf) {
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        if (end - start == 1 && in.getByte(start) == '?') {
            throw fail("streamed RESP3 aggregates are not supported");
        }
        long value = RespRequestDecoder.parseLong(in, start, end);
        if (value == Long.MIN_VALUE || value == Long.MIN_VALUE + 1) {
            throw fail("invalid length");
        }
        return value;
    }
}
