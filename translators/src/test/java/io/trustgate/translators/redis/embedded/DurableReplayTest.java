package io.trustgate.translators.redis.embedded;

import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.KeyspaceEngine.Access;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.StringValue;
import io.trustgate.translators.redis.differential.DifferentialRunner;
import io.trustgate.translators.redis.differential.DifferentialScripts;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every differential script, run through the real command layer on a durable engine: after a restart the keyspace
 * must be exactly what it was (values, element order, expiry), so the delta records the engine logged for each
 * command replay to the same state. Needs no Redis: only the embedded side runs. The clock is fixed so that no
 * key expires between the two looks.
 */
class DurableReplayTest {

    @TempDir
    Path tmp;

    private static final long NOW = System.currentTimeMillis();

    @TestFactory
    Stream<DynamicTest> everyScriptReplaysToTheSameKeyspace() {
        return DifferentialScripts.ALL.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path dir = Files.createDirectories(tmp.resolve(e.getKey()));
            Map<String, String> live;
            try (InMemoryKeyspaceEngine engine = open(dir)) {
                run(engine, e.getValue());
                live = dump(engine);
            }
            try (InMemoryKeyspaceEngine engine = open(dir)) {
                assertThat(dump(engine)).as("keyspace after restart").isEqualTo(live);
            }
            // and once more after a snapshot of that state
            try (InMemoryKeyspaceEngine engine = open(dir)) {
                engine.compact();
            }
            try (InMemoryKeyspaceEngine engine = open(dir)) {
                assertThat(dump(engine)).as("keyspace after a snapshot").isEqualTo(live);
            }
        }));
    }

    private static InMemoryKeyspaceEngine open(Path dir) throws java.io.IOException {
        return InMemoryKeyspaceEngine.open(dir, FsyncPolicy.NO, 1L << 40, () -> NOW, Duration.ZERO);
    }

    private static void run(InMemoryKeyspaceEngine engine, String script) {
        KeyspaceCommandExecutor executor = new KeyspaceCommandExecutor("embedded", engine);
        List<RespRequest> batch = null;
        for (String raw : script.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("C2 ")) { // a second client's command: one keyspace, so it runs here too
                line = line.substring(3);
            }
            int space = line.indexOf(' ');
            String first = space < 0 ? line : line.substring(0, space);
            if (List.of("U", "P", "S1", "S2", "R").contains(first)) {
                line = line.substring(space + 1);
            }
            String[] args = DifferentialRunner.split(line, "k:", new HashSet<>());
            if (args[0].equalsIgnoreCase("MULTI")) {
                if (batch == null) { // a nested MULTI is an error in Redis and leaves the transaction open
                    batch = new ArrayList<>();
                }
            } else if (args[0].equalsIgnoreCase("EXEC") && batch != null) {
                executor.execAtomically(0, batch, null).toCompletableFuture().join();
                batch.forEach(RespRequest::release);
                batch = null;
            } else if (args[0].equalsIgnoreCase("DISCARD") && batch != null) {
                batch.forEach(RespRequest::release); // nothing queued runs, as in Redis
                batch = null;
            } else {
                RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
                if (batch != null) {
                    batch.add(request);
                } else {
                    try {
                        executor.execute(0, request).toCompletableFuture().join();
                    } finally {
                        request.release();
                    }
                }
            }
        }
        if (batch != null) { // a script that ends inside MULTI: its queued commands never run
            batch.forEach(RespRequest::release);
        }
    }

    /** Every key of every database with its value (in the engine's own element order) and expiry. */
    private static Map<String, String> dump(InMemoryKeyspaceEngine engine) {
        return engine.atomically(Access.READ, tx -> {
            Map<String, String> all = new TreeMap<>();
            for (int db = 0; db < engine.databases(); db++) {
                long cursor = 0;
                do {
                    var page = tx.db(db).scan(cursor, 100);
                    for (byte[] k : page.keys()) {
                        Entry en = tx.db(db).get(k);
                        all.put(db + ":" + text(k), describe(en.value()) + " @" + en.expireAt());
                    }
                    cursor = page.cursor();
                } while (cursor != 0);
            }
            return all;
        }).toCompletableFuture().join();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String describe(KeyspaceValue v) {
        if (v instanceof StringValue s) {
            return "string " + text(s.bytes());
        } else if (v instanceof ListValue l) {
            return "list " + l.toList().stream().map(DurableReplayTest::text).toList();
        } else if (v instanceof HashValue h) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < h.size(); i++) {
                pairs.add(text(h.field(i)) + "=" + text(h.value(i)));
            }
            return "hash " + pairs;
        } else if (v instanceof SetValue s) {
            return "set " + s.members().stream().map(DurableReplayTest::text).toList();
        }
        SortedSetValue z = (SortedSetValue) v;
        return "zset " + z.members().stream().map(m -> text(m.member()) + "=" + m.score()).toList();
    }
}
