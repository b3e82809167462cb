package io.trustgate.translators.redis.embedded;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.codec.RespEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RESP2 for the differential tests: encodes our replies through the gateway's {@link RespEncoder} into the bytes a
 * RESP2 client reads, reads one
 * raw reply frame from a real Redis, and parses frames into comparable trees (for the commands whose element
 * order Redis leaves unspecified).
 */
final class Resp2 {

    private Resp2() {
    }

    /** The RESP2 bytes the gateway's own {@link RespEncoder} writes for {@code m} (which it releases). */
    static byte[] encode(RedisMessage m) {
        EmbeddedChannel channel = new EmbeddedChannel(new RespEncoder());
        try {
            channel.writeOutbound(m);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
                out.writeBytes(ByteBufUtil.getBytes(buf));
                buf.release();
            }
            return out.toByteArray();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void line(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[]{'\r', '\n'});
    }

    static byte[] command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, "*" + args.length);
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            line(out, "$" + b.length);
            out.writeBytes(b);
            line(out, "");
        }
        return out.toByteArray();
    }

    static void send(OutputStream out, String... args) throws IOException {
        out.write(command(args));
        out.flush();
    }

    /** Reads one complete reply frame, returned as its raw bytes. */
    static byte[] readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        readInto(in, frame);
        return frame.toByteArray();
    }

    private static void readInto(InputStream in, ByteArrayOutputStream frame) throws IOException {
        String header = readLine(in);
        frame.writeBytes((header + "\r\n").getBytes(StandardCharsets.UTF_8));
        char type = header.charAt(0);
        if (type == '$') {
            int len = Integer.parseInt(header.substring(1));
            if (len >= 0) {
                frame.writeBytes(in.readNBytes(len + 2));
            }
        } else if (type == '*') {
            int n = Integer.parseInt(header.substring(1));
            for (int i = 0; i < n; i++) {
                readInto(in, frame);
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (prev == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            prev = b;
        }
    }

    /** Parses a frame: String for simple/bulk (null for null), "-..." errors as String with a marker, Long, List. */
    static Object parse(byte[] frame) {
        return new Parser(frame).next();
    }

    private static final class Parser {
        private final byte[] in;
        private int pos;

        Parser(byte[] in) {
            this.in = in;
        }

        private String line() {
            int start = pos;
            while (in[pos] != '\r') {
                pos++;
            }
            String s = new String(in, start, pos - start, StandardCharsets.UTF_8);
            pos += 2;
            return s;
        }

        Object next() {
            String h = line();
            switch (h.charAt(0)) {
                case '+':
                    return h.substring(1);
                case '-':
                    return "ERROR:" + h.substring(1);
                case ':':
                    return Long.parseLong(h.substring(1));
                case '$': {
                    int len = Integer.parseInt(h.substring(1));
                    if (len < 0) {
                        return null;
                    }
                    String s = new String(in, pos, len, StandardCharsets.UTF_8);
                    pos += len + 2;
                    return s;
                }
                case '*': {
                    int n = Integer.parseInt(h.substring(1));
                    if (n < 0) {
                        return null;
                    }
                    List<Object> out = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        out.add(next());
                    }
                    return out;
                }
                default:
                    throw new AssertionError("bad frame " + h);
            }
        }
    }
}
