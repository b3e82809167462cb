package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.trustgate.redis.codec.RespFrameScanner;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the few backend replies the cluster target must look into, straight from the raw RESP frame the
 * connection hands over: MOVED/ASK redirects, integers to sum, the elements of arrays to merge, and the
 * {@code CLUSTER SLOTS} table. Nothing here retains or releases the frame it is given. Stateless.
 */
final class ClusterReplies {

    /** A MOVED or ASK error: the slot and the node that serves it. */
    record Redirect(boolean ask, int slot, InetSocketAddress node, String text) {
    }

    /** An error reply met while parsing a whole value with {@link #parse(ByteBuf)}. */
    record Error(String text) {
    }

    private ClusterReplies() {
    }

    /** True for an error reply: a frame starting with {@code -} or a gateway-made {@link ErrorRedisMessage}. */
    static boolean isError(Object reply) {
        if (reply instanceof ByteBuf frame) {
            return frame.isReadable() && frame.getByte(frame.readerIndex()) == '-';
        }
        return reply instanceof ErrorRedisMessage;
    }

    /** The text of an error frame, without the {@code -} and the line end. */
    static String errorText(ByteBuf frame) {
        int start = frame.readerIndex() + 1;
        return frame.toString(start, lineEnd(frame, start) - start, StandardCharsets.UTF_8);
    }

    /**
     * The redirect in {@code frame} when it is a {@code -MOVED slot host:port} or {@code -ASK slot host:port}
     * error, else null. An empty host (Redis 7 when the node does not know its endpoint) means the host of
     * {@code replied}, the node that sent the error.
     */
    static Redirect redirect(ByteBuf frame, InetSocketAddress replied) {
        int at = frame.readerIndex();
        if (frame.readableBytes() < 6 || frame.getByte(at) != '-') {
            return null;
        }
        boolean ask;
        if (startsWith(frame, at + 1, "MOVED ")) {
            ask = false;
        } else if (startsWith(frame, at + 1, "ASK ")) {
            ask = true;
        } else {
            return null;
        }
        String text = errorText(frame);
        String[] parts = text.split(" ");
        if (parts.length != 3) {
            return null;
        }
        int colon = parts[2].lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            int slot = Integer.parseInt(parts[1]);
            int port = Integer.parseInt(parts[2].substring(colon + 1));
            String host = parts[2].substring(0, colon);
            if (host.isEmpty() && replied != null) {
                host = replied.getHostString();
            }
            if (slot < 0 || slot >= SlotHash.SLOTS || host.isEmpty()) {
                return null;
            }
            return new Redirect(ask, slot, new InetSocketAddress(host, port), text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean startsWith(ByteBuf frame, int at, String prefix) {
        if (frame.writerIndex() - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (frame.getByte(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The value of an integer reply ({@code :n}). */
    static long integer(ByteBuf frame) {
        int at = frame.readerIndex();
        if (!frame.isReadable() || frame.getByte(at) != ':') {
            throw new IllegalArgumentException("not an integer reply");
        }
        return number(frame, at + 1, lineEnd(frame, at + 1));
    }

    /** The element count of an array reply ({@code *n}); -1 for the null array. */
    static int arrayCount(ByteBuf frame) {
        int at = frame.readerIndex();
        if (!frame.isReadable() || frame.getByte(at) != '*') {
            throw new IllegalArgumentException("not an array reply");
        }
        long n = number(frame, at + 1, lineEnd(frame, at + 1));
        if (n < -1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad array length " + n);
        }
        return (int) n;
    }

    /** Length of the first line of {@code frame}, line end included (the array header of an array). */
    static int headerLength(ByteBuf frame) {
        return lineEnd(frame, frame.readerIndex()) + 2 - frame.readerIndex();
    }

    /**
     * Where each element of an array reply lies: {@code [offset0, length0, offset1, length1, ...]} with offsets
     * relative to the frame's reader index. Empty for an empty or null array.
     *
     * @throws IllegalArgumentException when the frame is not a complete array
     */
    static int[] elements(ByteBuf frame) {
        int count = arrayCount(frame);
        if (count <= 0) {
            return new int[0];
        }
        int[] out = new int[count * 2];
        RespFrameScanner scanner = new RespFrameScanner();
        ByteBuf view = frame.duplicate();
        int offset = headerLength(frame);
        for (int i = 0; i < count; i++) {
            view.readerIndex(frame.readerIndex() + offset);
            int length = scanner.scan(view);
            if (length < 0) {
                throw new IllegalArgumentException("truncated array reply");
            }
            out[2 * i] = offset;
            out[2 * i + 1] = length;
            offset += length;
        }
        return out;
    }

    /**
     * Decodes a whole reply into plain Java values: {@code Long} for integers, {@code String} (UTF-8) for
     * simple and bulk strings, {@code List<Object>} for arrays, null for null values and {@link Error} for
     * errors. For small control replies such as {@code CLUSTER SLOTS}, not for the data path.
     */
    static Object parse(ByteBuf frame) {
        return parseValue(frame.duplicate());
    }

    private static Object parseValue(ByteBuf in) {
        int at = in.readerIndex();
        byte type = in.getByte(at);
        int end = lineEnd(in, at + 1);
        in.readerIndex(end + 2);
        switch (type) {
            case '+' -> {
                return in.toString(at + 1, end - at - 1, StandardCharsets.UTF_8);
            }
            case '-' -> {
                return new Error(in.toString(at + 1, end - at - 1, StandardCharsets.UTF_8));
            }
            case ':' -> {
                return number(in, at + 1, end);
            }
            case '$' -> {
                long len = number(in, at + 1, end);
                if (len < 0) {
                    return null;
                }
                String s = in.toString(in.readerIndex(), (int) len, StandardCharsets.UTF_8);
                in.skipBytes((int) len + 2);
                return s;
            }
            case '*' -> {
                long n = number(in, at + 1, end);
                if (n < 0) {
                    return null;
                }
                List<Object> list = new ArrayList<>((int) Math.min(n, 1024));
                for (long i = 0; i < n; i++) {
                    list.add(parseValue(in));
                }
                return list;
            }
            default -> throw new IllegalArgumentException("unexpected reply type '" + (char) type + "'");
        }
    }

    /** Index of the {@code \r} that ends the line starting at or before {@code from}. */
    private static int lineEnd(ByteBuf buf, int from) {
        int cr = buf.indexOf(from, buf.writerIndex(), (byte) '\r');
        if (cr < 0 || cr + 1 >= buf.writerIndex()) {
            throw new IllegalArgumentException("reply line without CRLF");
        }
        return cr;
    }

    private static long number(ByteBuf buf, int from, int to) {
        if (to <= from) {
            throw new IllegalArgumentException("empty number");
        }
        boolean negative = buf.getByte(from) == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            int d = buf.getByte(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a number");
            }
            value = Math.addExact(Math.multiplyExact(value, 10), d);
        }
        return negative ? -value : value;
    }
}
