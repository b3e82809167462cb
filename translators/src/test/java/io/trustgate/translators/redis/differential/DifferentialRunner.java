package io.trustgate.translators.redis.differential;

import io.trustgate.redis.spi.Capability;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs command scripts over real sockets against the real Redis on 127.0.0.1:6379 (db 9, keys under a unique
 * prefix per script, deleted afterwards) and against a gateway listener on a keyspace backend (db 9 too), in
 * RESP2 or, after {@code HELLO 3} on both, RESP3, and lists every reply that differs. Replies are compared as the
 * exact bytes each server sent.
 *
 * <p>Script lines: arguments separated by spaces ("double quotes" keep spaces), {@code $name} is a key under the
 * script's prefix. A line may start with {@code C2}: it then runs on a second connection to each server (for
 * WATCH: another client's write). Where Redis leaves the order or the choice unspecified, a line then starts with
 * a mode: {@code U} compares an aggregate's elements as a multiset (SMEMBERS, SINTER...), {@code P} compares
 * field/value or member/score pairs as a multiset (HGETALL), {@code S1}/{@code S2} compare a *SCAN reply's
 * cursor and its elements (stride 1 or 2) as a multiset, {@code R} compares only the reply's shape, recursively
 * (SPOP, SRANDMEMBER, HRANDFIELD...: random by definition), {@code T} compares a TTL in seconds, which may be
 * one apart when half a second passed between the EXPIRE and the TTL on one server only (a loaded machine);
 * -1, -2 and anything else must still be equal. MULTI, EXEC, WATCH and the replies to queued commands
 * go to both servers as they are and are compared like any other line.
 *
 * <p>The only expected differences are the ones a backend's capability declaration announces: when a backend
 * lacks a capability of {@link #CAPABILITY_EXCEPTIONS}, the commands listed there must be refused with the
 * gateway's refusal, whatever Redis answers. Not thread-safe: one script at a time.
 */
public final class DifferentialRunner implements AutoCloseable {

    /**
     * Commands whose Redis reply a backend without the capability cannot give: the gateway must answer them with
     * {@code -ERR command 'X' is not supported by backend 'NAME' (no ...)} instead.
     */
    static final Map<Capability, Set<String>> CAPABILITY_EXCEPTIONS = Map.of(
            Capability.BLOCKING, Set.of("blpop", "brpop", "blmove", "brpoplpush", "blmpop", "bzpopmin", "bzpopmax",
                    "bzmpop"),
            Capability.TRANSACTIONS, Set.of("multi", "exec", "discard", "watch", "unwatch"),
            Capability.EXPIRY, Set.of("expire", "pexpire", "expireat", "pexpireat", "setex", "psetex", "getex"));

    private static final List<String> MODES = List.of("U", "P", "S1", "S2", "R", "T");

    private final Backend.Gateway gateway;
    private final int protocol;
    private final Link[] redis = new Link[2];
    private final Link[] ours = new Link[2];

    /** A connection to one server. */
    private static final class Link implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Link(int port, String what) throws IOException {
            try {
                socket = new Socket("127.0.0.1", port);
            } catch (IOException e) {
                throw new IOException("the differential tests need " + what + " on 127.0.0.1:" + port, e);
            }
            socket.setSoTimeout(15_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        byte[] call(String... args) throws IOException {
            out.write(RespFrames.command(args));
            out.flush();
            return RespFrames.read(in);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Connects to Redis and to {@code gateway}, twice each, in RESP {@code protocol} (2 or 3). */
    DifferentialRunner(Backend.Gateway gateway, int protocol) throws IOException {
        this.gateway = gateway;
        this.protocol = protocol;
        for (int i = 0; i < 2; i++) {
            redis[i] = new Link(6379, "Redis 7");
            ours[i] = new Link(gateway.port, "the gateway");
            prepare(redis[i]);
            prepare(ours[i]);
        }
    }

    private void prepare(Link link) throws IOException {
        if (protocol == 3) {
            byte[] hello = link.call("HELLO", "3");
            if (hello[0] != '%') {
                throw new IOException("HELLO 3 answered " + RespFrames.show(hello));
            }
        }
        expect(link.call("SELECT", "9"), "+OK\r\n");
    }

    @Override
    public void close() throws IOException {
        for (int i = 0; i < 2; i++) {
            redis[i].close();
            ours[i].close();
        }
    }

    private static void expect(byte[] reply, String expected) throws IOException {
        String text = new String(reply, StandardCharsets.UTF_8);
        if (!text.equals(expected)) {
            throw new IOException("answered " + text.strip() + ", expected " + expected.strip());
        }
    }

    /** Runs {@code script} on both sides; returns one description per reply that differs (empty when all agree). */
    List<String> run(String name, String script) throws IOException {
        String prefix = "dt:" + name + ":" + System.nanoTime() + ":";
        Set<String> keys = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String>[] queuedModes = new List[2]; // per connection, while a MULTI is open: each queued command's mode
        try {
            for (String raw : script.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int conn = 0;
                if (line.startsWith("C2 ")) {
                    conn = 1;
                    line = line.substring(3);
                }
                String mode = "";
                int space = line.indexOf(' ');
                String first = space < 0 ? line : line.substring(0, space);
                if (MODES.contains(first)) {
                    mode = first;
                    line = line.substring(space + 1);
                }
                String[] args = split(line, prefix, keys);
                byte[] expected = redis[conn].call(args);
                byte[] actual = ours[conn].call(args);
                String refusal = refusal(args[0]);
                if (refusal != null) {
                    expected = refusal.getBytes(StandardCharsets.UTF_8);
                    mode = "";
                }
                String command = args[0].toUpperCase(Locale.ROOT);
                if (command.equals("MULTI")) {
                    queuedModes[conn] = new ArrayList<>();
                } else if (command.equals("DISCARD") || command.equals("RESET")) {
                    queuedModes[conn] = null;
                } else if (command.equals("EXEC") && queuedModes[conn] != null) {
                    // each queued command's reply is compared inside EXEC's array in that command's own mode
                    mode = String.join(",", queuedModes[conn]);
                    queuedModes[conn] = null;
                    if (!mode.replace(",", "").isEmpty()) {
                        compareExec(failures, (conn == 1 ? "C2 " : "") + line, mode, expected, actual);
                        continue;
                    }
                    mode = "";
                } else if (queuedModes[conn] != null) {
                    queuedModes[conn].add(mode);
                    mode = ""; // +QUEUED (or the queue-time error) is compared exactly
                }
                compare(failures, (conn == 1 ? "C2 " : "") + line, mode, expected, actual);
            }
        } finally {
            for (int i = 0; i < 2; i++) {
                reset(redis[i]);
                reset(ours[i]);
            }
            if (!keys.isEmpty()) {
                String[] del = Stream.concat(Stream.of("DEL"), keys.stream()).toArray(String[]::new);
                redis[0].call(del);
                ours[0].call(del);
            }
        }
        return failures;
    }

    /** Leaves no MULTI or WATCH behind for the next script. */
    private void reset(Link link) throws IOException {
        link.call("RESET");
        prepare(link);
    }

    /** The gateway's refusal of {@code command} when its backend lacks a capability it needs, else null. */
    private String refusal(String command) {
        String lower = command.toLowerCase(Locale.ROOT);
        Set<Capability> has = gateway.capabilities();
        for (Map.Entry<Capability, Set<String>> e : CAPABILITY_EXCEPTIONS.entrySet()) {
            if (!has.contains(e.getKey()) && e.getValue().contains(lower)) {
                return "-ERR command '" + command.toUpperCase(Locale.ROOT) + "' is not supported by backend '"
                        + gateway.backend.name + "' (no " + e.getKey().description() + ")\r\n";
            }
        }
        return null;
    }

    private static void compare(List<String> failures, String line, String mode, byte[] expected, byte[] actual) {
        boolean same = mode.isEmpty() ? Arrays.equals(expected, actual)
                : same(mode, RespFrames.parse(expected), RespFrames.parse(actual));
        if (!same) {
            failures.add(line + "\n   redis: " + RespFrames.show(expected) + "\n   ours:  "
                    + RespFrames.show(actual));
        }
    }

    /** Compares two parsed replies in {@code mode} (one of {@link #MODES}, or "" for equality). */
    private static boolean same(String mode, Object expected, Object actual) {
        return switch (mode) {
            case "" -> expected.equals(actual);
            case "U" -> RespFrames.unordered(expected, 1).equals(RespFrames.unordered(actual, 1));
            case "P" -> RespFrames.unordered(expected, 2).equals(RespFrames.unordered(actual, 2));
            case "S1", "S2" -> {
                int stride = mode.equals("S2") ? 2 : 1;
                yield RespFrames.scan(expected, stride).equals(RespFrames.scan(actual, stride));
            }
            case "R" -> RespFrames.shape(expected).equals(RespFrames.shape(actual));
            case "T" -> RespFrames.sameSeconds(expected, actual);
            default -> throw new AssertionError(mode);
        };
    }

    /** EXEC's replies, element by element, each in the mode of the command queued at that position. */
    private static void compareExec(List<String> failures, String line, String modes, byte[] expected,
                                    byte[] actual) {
        String[] each = modes.split(",", -1);
        Object e = RespFrames.parse(expected);
        Object a = RespFrames.parse(actual);
        boolean same;
        if (e instanceof RespFrames.Agg ea && a instanceof RespFrames.Agg aa && ea.type() == aa.type()
                && ea.children().size() == each.length && aa.children().size() == each.length) {
            same = true;
            for (int i = 0; i < each.length && same; i++) {
                same = same(each[i], ea.children().get(i), aa.children().get(i));
            }
        } else {
            same = Arrays.equals(expected, actual); // aborted (null), EXECABORT or a different shape
        }
        if (!same) {
            failures.add(line + "\n   redis: " + RespFrames.show(expected) + "\n   ours:  "
                    + RespFrames.show(actual));
        }
    }

    /** Splits a script line into arguments, replacing each {@code $name} by {@code prefix + name} (collected in {@code keys}). */
    public static String[] split(String line, String prefix, Set<String> keys) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
                if (any) {
                    args.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(ch);
                any = true;
            }
        }
        if (any) {
            args.add(cur.toString());
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("$") && a.length() > 1) {
                String key = prefix + a.substring(1);
                args.set(i, key);
                if (!key.contains("*")) {
                    keys.add(key);
                }
            }
        }
        return args.toArray(String[]::new);
    }
}
