package io.trustgate.translators.redis.embedded;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs command scripts against the real Redis on 127.0.0.1:6379 (db 9, keys under a unique prefix per script,
 * deleted afterwards) and against {@link KeyspaceCommandExecutor} on {@link InMemoryKeyspaceEngine}, and lists
 * every reply that differs. Replies are compared as RESP2 bytes: ours encoded by the gateway's {@code RespEncoder}.
 *
 * <p>Script lines: arguments separated by spaces ("double quotes" keep spaces), {@code $name} is a key under the
 * script's prefix. Where Redis leaves the order or the choice unspecified, a line starts with a mode:
 * {@code U} compares array elements as a multiset (SMEMBERS, SINTER...), {@code P} compares field/value or
 * member/score pairs as a multiset (HGETALL), {@code S1}/{@code S2} compare a *SCAN reply's cursor and its
 * elements (stride 1 or 2) as a multiset, {@code R} compares only the reply's kind and size (SPOP, SRANDMEMBER,
 * HRANDFIELD...: random by definition). Lines between {@code MULTI} and {@code EXEC} run as one
 * {@code execAtomically} batch here and as MULTI/EXEC on Redis; the EXEC replies are compared exactly.
 * Not thread-safe: one script at a time.
 */
final class DifferentialRunner implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final InMemoryKeyspaceEngine engine;
    private final KeyspaceCommandExecutor executor;

    DifferentialRunner() throws IOException {
        try {
            socket = new Socket("127.0.0.1", 6379);
        } catch (IOException e) {
            throw new IOException("DifferentialIT needs Redis 7 on 127.0.0.1:6379", e);
        }
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        expect(redis("SELECT", "9"), "+OK\r\n");
        engine = new InMemoryKeyspaceEngine(16, System::currentTimeMillis, Duration.ZERO);
        executor = new KeyspaceCommandExecutor("embedded", engine);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        engine.close();
    }

    private static void expect(byte[] reply, String expected) throws IOException {
        String text = new String(reply, StandardCharsets.UTF_8);
        if (!text.equals(expected)) {
            throw new IOException("Redis answered " + text.strip() + ", expected " + expected.strip());
        }
    }

    private byte[] redis(String... args) throws IOException {
        Resp2.send(out, args);
        return Resp2.readFrame(in);
    }

    private byte[] ours(String... args) {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            return Resp2.encode(executor.execute(0, request).toCompletableFuture().join());
        } finally {
            request.release();
        }
    }

    private byte[] oursBatch(List<String[]> commands) {
        List<RespRequest> requests = new ArrayList<>();
        for (String[] c : commands) {
            requests.add(RespRequest.of(ByteBufAllocator.DEFAULT, c));
        }
        try {
            List<RedisMessage> replies = executor.execAtomically(0, requests, null).toCompletableFuture().join();
            return Resp2.encode(new ArrayRedisMessage(replies));
        } finally {
            requests.forEach(RespRequest::release);
        }
    }

    private byte[] redisBatch(List<String[]> commands) throws IOException {
        expect(redis("MULTI"), "+OK\r\n");
        for (String[] c : commands) {
            expect(redis(c), "+QUEUED\r\n");
        }
        return redis("EXEC");
    }

    /** Runs {@code script} on both sides; returns one description per reply that differs (empty when all agree). */
    List<String> run(String name, String script) throws IOException {
        String prefix = "dt:" + name + ":" + System.nanoTime() + ":";
        Set<String> keys = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        List<String[]> batch = null;
        try {
            for (String raw : script.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String mode = "";
                int space = line.indexOf(' ');
                String first = space < 0 ? line : line.substring(0, space);
                if (List.of("U", "P", "S1", "S2", "R").contains(first)) {
                    mode = first;
                    line = line.substring(space + 1);
                }
                String[] args = split(line, prefix, keys);
                if (args[0].equalsIgnoreCase("MULTI")) {
                    batch = new ArrayList<>();
                    continue;
                }
                if (args[0].equalsIgnoreCase("EXEC") && batch != null) {
                    compare(failures, "MULTI..EXEC " + batch.size() + " commands", "", redisBatch(batch),
                            oursBatch(batch));
                    batch = null;
                    continue;
                }
                if (batch != null) {
                    batch.add(args);
                    continue;
                }
                compare(failures, line, mode, redis(args), ours(args));
            }
        } finally {
            if (!keys.isEmpty()) {
                redis(Stream.concat(Stream.of("DEL"), keys.stream()).toArray(String[]::new));
            }
        }
        return failures;
    }

    private static void compare(List<String> failures, String line, String mode, byte[] expected, byte[] actual) {
        boolean same = switch (mode) {
            case "" -> Arrays.equals(expected, actual);
            case "U" -> normalize(Resp2.parse(expected), 1).equals(normalize(Resp2.parse(actual), 1));
            case "P" -> normalize(Resp2.parse(expected), 2).equals(normalize(Resp2.parse(actual), 2));
            case "S1", "S2" -> scan(Resp2.parse(expected), mode).equals(scan(Resp2.parse(actual), mode));
            case "R" -> shape(Resp2.parse(expected)).equals(shape(Resp2.parse(actual)));
            default -> throw new AssertionError(mode);
        };
        if (!same) {
            failures.add(line + "\n   redis: " + show(expected) + "\n   ours:  " + show(actual));
        }
    }

    private static String show(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8).replace("\r\n", "\\r\\n");
    }

    /** An array's elements, grouped by {@code stride}, as a sorted list; anything else unchanged. */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object reply, int stride) {
        if (!(reply instanceof List)) {
            return reply;
        }
        List<Object> items = (List<Object>) reply;
        List<String> groups = new ArrayList<>();
        for (int i = 0; i + stride <= items.size(); i += stride) {
            groups.add(String.valueOf(items.subList(i, i + stride)));
        }
        groups.sort(Comparator.naturalOrder());
        return groups;
    }

    @SuppressWarnings("unchecked")
    private static Object scan(Object reply, String mode) {
        if (!(reply instanceof List) || ((List<Object>) reply).size() != 2) {
            return reply;
        }
        List<Object> pair = (List<Object>) reply;
        return List.of(pair.get(0), normalize(pair.get(1), mode.equals("S2") ? 2 : 1));
    }

    @SuppressWarnings("unchecked")
    private static Object shape(Object reply) {
        if (reply instanceof List) {
            return "array of " + ((List<Object>) reply).size();
        }
        if (reply instanceof String s && s.startsWith("ERROR:")) {
            return s;
        }
        return reply == null ? "null" : reply.getClass().getSimpleName();
    }

    static String[] split(String line, String prefix, Set<String> keys) {
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
