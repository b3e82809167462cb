package io.trustgate.translators.redis.differential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * RESP2 and RESP3 frames for the differential tests: writes commands, reads one whole reply as its exact bytes,
 * and parses a reply into a comparable tree for the lines whose order or choice Redis leaves unspecified.
 * A parsed scalar is its type byte followed by its text ({@code "$abc"}, {@code ":1"}, {@code ",1.5"},
 * {@code "_"}); an aggregate is an {@link Agg}.
 */
final class RespFrames {

    /** An aggregate reply: its type byte ({@code * % ~ >}) and its children (a map's keys and values in turn). */
    record Agg(char type, List<Object> children) {
        @Override
        public String toString() {
            return type + children.toString();
        }
    }

    private RespFrames() {
    }

    /** A command as a RESP array; {@code \\xHH} in an argument stands for the raw byte HH (invalid UTF-8 too). */
    static byte[] command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, "*" + args.length);
        for (String a : args) {
            byte[] b = bytes(a);
            line(out, "$" + b.length);
            out.writeBytes(b);
            line(out, "");
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String arg) {
        if (!arg.contains("\\x")) {
            return arg.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < arg.length()) {
            if (arg.startsWith("\\x", i) && i + 4 <= arg.length()) {
                out.write(Integer.parseInt(arg.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int cp = arg.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'\r', '\n'});
    }

    /** Reads one complete reply, nested elements included, returned as its raw bytes. */
    static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        readInto(in, frame);
        return frame.toByteArray();
    }

    private static void readInto(InputStream in, ByteArrayOutputStream frame) throws IOException {
        String header = readLine(in);
        frame.writeBytes((header + "\r\n").getBytes(StandardCharsets.UTF_8));
        char type = header.charAt(0);
        switch (type) {
            case '$', '=', '!' -> {
                int len = Integer.parseInt(header.substring(1));
                if (len >= 0) {
                    frame.writeBytes(in.readNBytes(len + 2));
                }
            }
            case '*', '~', '>', '%' -> {
                long n = Long.parseLong(header.substring(1)) * (type == '%' ? 2 : 1);
                for (long i = 0; i < n; i++) {
                    readInto(in, frame);
                }
            }
            default -> {
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

    static String show(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8).replace("\r\n", "\\r\\n");
    }

    /** Parses one frame (see the class comment for the tree). */
    static Object parse(byte[] frame) {
        return new Parser(frame).next();
    }

    /**
     * An aggregate's children grouped by {@code stride} and sorted (a multiset); anything else unchanged. Pairs
     * that RESP3 already nests ({@code *2} children) count as one group each.
     */
    static Object unordered(Object reply, int stride) {
        if (!(reply instanceof Agg agg)) {
            return reply;
        }
        if (stride == 2 && !agg.children().isEmpty() && agg.children().get(0) instanceof Agg) {
            stride = 1;
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i + stride <= agg.children().size(); i += stride) {
            groups.add(String.valueOf(agg.children().subList(i, i + stride)));
        }
        groups.sort(Comparator.naturalOrder());
        return agg.type() + groups.toString();
    }

    /** A *SCAN reply: its cursor, and its elements as a multiset of groups of {@code stride}. */
    static Object scan(Object reply, int stride) {
        if (!(reply instanceof Agg agg) || agg.children().size() != 2) {
            return reply;
        }
        return List.of(agg.children().get(0), unordered(agg.children().get(1), stride));
    }

    /**
     * Two TTL replies in seconds: equal, or both non-negative integers at most one apart. Each server rounds its
     * remaining milliseconds to seconds, so the same key read half a second later on one side reads one lower.
     */
    static boolean sameSeconds(Object expected, Object actual) {
        if (expected.equals(actual)) {
            return true;
        }
        if (!(expected instanceof String e && actual instanceof String a && e.startsWith(":") && a.startsWith(":"))) {
            return false;
        }
        long x = Long.parseLong(e.substring(1));
        long y = Long.parseLong(a.substring(1));
        return x >= 0 && y >= 0 && Math.abs(x - y) <= 1;
    }

    /**
     * The kind and size of a reply, recursively, without the values: for replies Redis draws at random. Errors
     * are kept whole; the children's shapes are sorted, so only how many of each kind counts.
     */
    static String shape(Object reply) {
        if (reply instanceof Agg agg) {
            List<String> children = new ArrayList<>();
            agg.children().forEach(c -> children.add(shape(c)));
            children.sort(Comparator.naturalOrder());
            return agg.type() + String.valueOf(agg.children().size()) + children;
        }
        String s = (String) reply;
        return s.startsWith("-") ? s : s.substring(0, 1);
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
            char type = h.charAt(0);
            switch (type) {
                case '$', '=', '!' -> {
                    int len = Integer.parseInt(h.substring(1));
                    if (len < 0) {
                        return "_";
                    }
                    String s = new String(in, pos, len, StandardCharsets.UTF_8);
                    pos += len + 2;
                    return type + s;
                }
                case '*', '~', '>', '%' -> {
                    int n = Integer.parseInt(h.substring(1));
                    if (n < 0) {
                        return "_";
                    }
                    int count = type == '%' ? 2 * n : n;
                    List<Object> out = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        out.add(next());
                    }
                    return new Agg(type, out);
                }
                default -> {
                    return h;
                }
            }
        }
    }
}
