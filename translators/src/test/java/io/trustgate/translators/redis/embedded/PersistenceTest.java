package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.KeyspaceEngine.Access;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersistenceTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static InMemoryKeyspaceEngine open(Path dir) throws IOException {
        return InMemoryKeyspaceEngine.open(dir, FsyncPolicy.ALWAYS, 1L << 40, System::currentTimeMillis,
                Duration.ZERO);
    }

    private static KeyspaceValue[] allKinds() {
        ListValue l = new ListValue();
        l.addLast(b("a"));
        l.addLast(new byte[0]);
        HashValue h = new HashValue();
        h.put(b("f"), b("v"));
        h.put(b("g"), new byte[300]);
        SetValue s = new SetValue();
        s.add(b("m1"));
        s.add(b("m2"));
        SortedSetValue z = new SortedSetValue();
        z.put(b("x"), 1.5);
        z.put(b("y"), Double.NEGATIVE_INFINITY);
        return new KeyspaceValue[] {new StringValue(new byte[] {0, (byte) 0xff, 10}), l, h, s, z};
    }

    private static String describe(KeyspaceValue v) {
        if (v instanceof StringValue sv) {
            return "S" + java.util.Arrays.toString(sv.bytes());
        }
        if (v instanceof ListValue lv) {
            return "L" + lv.toList().stream().map(java.util.Arrays::toString).toList();
        }
        if (v instanceof HashValue hv) {
            return "H" + hv.fields().stream().map(String::new).toList()
                    + hv.values().stream().map(x -> x.length).toList();
        }
        if (v instanceof SetValue sv) {
            return "T" + sv.members().stream().map(String::new).sorted().toList();
        }
        SortedSetValue z = (SortedSetValue) v;
        return "Z" + z.members().stream().map(m -> new String(m.member()) + "=" + m.score()).toList();
    }

    @Test
    void codecRoundTripsEveryKind() throws Exception {
        for (KeyspaceValue v : allKinds()) {
            ValueCodec.Out out = new ValueCodec.Out(8);
            ValueCodec.write(out, v);
            ByteBuffer in = ByteBuffer.wrap(out.array(), 0, out.size());
            assertThat(describe(ValueCodec.read(in))).isEqualTo(describe(v));
            assertThat(in.hasRemaining()).isFalse();
        }
    }

    @Test
    void frameDetectsEveryFlippedByte() {
        ValueCodec.Out out = new ValueCodec.Out(8);
        Records.frame(out, List.of(new Records.Op(Records.PUT, 3, b("k"), 42, allKinds()[2])));
        byte[] frame = java.util.Arrays.copyOf(out.array(), out.size());
        assertThat(Records.nextPayload(ByteBuffer.wrap(frame))).isNotNull();
        for (int i = 0; i < frame.length; i++) {
            byte[] bad = frame.clone();
            bad[i] ^= 0x5a;
            assertThat(Records.nextPayload(ByteBuffer.wrap(bad))).as("flip at %d", i).isNull();
        }
        assertThatThrownBy(() -> ValueCodec.read(ByteBuffer.wrap(new byte[] {'Q'})))
                .isInstanceOf(CorruptDataException.class);
    }

    @Test
    void restartRecoversEveryKindWithAbsoluteExpiry() throws Exception {
        long later = System.currentTimeMillis() + 3_600_000;
        KeyspaceValue[] kinds = allKinds();
        try (InMemoryKeyspaceEngine e = open(dir)) {
            e.atomically(Access.WRITE, tx -> {
                for (int i = 0; i < kinds.length; i++) {
                    tx.db(i).put(b("k" + i), kinds[i], i == 0 ? later : Entry.NO_EXPIRY);
                }
                tx.db(0).put(b("gone"), new StringValue(b("x")), Entry.NO_EXPIRY);
                tx.db(0).put(b("expired"), new StringValue(b("x")), System.currentTimeMillis() - 1);
                return null;
            }).toCompletableFuture().join();
            e.atomically(Access.WRITE, tx -> tx.db(0).delete(b("gone"))).toCompletableFuture().join();
        }
        try (InMemoryKeyspaceEngine e = open(dir)) {
            e.atomically(Access.READ, tx -> {
                for (int i = 0; i < kinds.length; i++) {
                    Entry got = tx.db(i).get(b("k" + i));
                    assertThat(describe(got.value())).isEqualTo(describe(kinds[i]));
                    assertThat(got.expireAt()).isEqualTo(i == 0 ? later : Entry.NO_EXPIRY);
                }
                assertThat(tx.db(0).get(b("gone"))).isNull();
                assertThat(tx.db(0).size()).isEqualTo(1);
                return null;
            }).toCompletableFuture().join();
        }
    }

    @Test
    void tornTailAtEveryOffsetKeepsEarlierRecordsAndTruncates() throws Exception {
        try (InMemoryKeyspaceEngine e = open(dir)) {
            e.atomically(Access.WRITE, tx -> {
                tx.db(0).put(b("first"), new StringValue(b("1")), Entry.NO_EXPIRY);
                return null;
            }).toCompletableFuture().join();
        }
        Path log = dir.resolve("log-0000000001.aof");
        long intact = Files.size(log);
        try (InMemoryKeyspaceEngine e = open(dir)) {
            e.atomically(Access.WRITE, tx -> {
                tx.db(0).put(b("second"), new StringValue(b("2")), Entry.NO_EXPIRY);
                tx.db(1).put(b("third"), new StringValue(b("3")), Entry.NO_EXPIRY);
                return null;
            }).toCompletableFuture().join();
        }
        byte[] full = Files.readAllBytes(log);
        for (long cut = intact; cut < full.length; cut++) {
            Files.write(log, java.util.Arrays.copyOf(full, (int) cut));
            try (InMemoryKeyspaceEngine e = open(dir)) {
                e.atomically(Access.READ, tx -> {
                    assertThat(tx.db(0).get(b("first"))).isNotNull();
                    // the second unit is all or nothing
                    assertThat(tx.db(0).get(b("second"))).isNull();
                    assertThat(tx.db(1).get(b("third"))).isNull();
                    return null;
                }).toCompletableFuture().join();
            }
            assertThat(Files.size(log)).as("cut at %d", cut).isEqualTo(intact);
        }
        Files.write(log, full);
        try (InMemoryKeyspaceEngine e = open(dir)) {
            assertThat(e.atomically(Access.READ, tx -> tx.db(1).get(b("third")) != null)
                    .toCompletableFuture().join()).isTrue();
        }
    }

    @Test
    void snapshotPlusLogRecoversAndDropsOldGenerations() throws Exception {
        try (InMemoryKeyspaceEngine e = open(dir)) {
            for (int i = 0; i < 2000; i++) {
                int n = i;
                e.atomically(Access.WRITE, tx -> {
                    tx.db(n % 3).put(b("k" + n), new StringValue(b("v" + n)), Entry.NO_EXPIRY);
                    return null;
                }).toCompletableFuture().join();
            }
            e.compact();
            e.atomically(Access.WRITE, tx -> {
                tx.db(0).put(b("k0"), new StringValue(b("after")), Entry.NO_EXPIRY);
                tx.db(1).delete(b("k1"));
                tx.db(2).clear();
                return null;
            }).toCompletableFuture().join();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("LOCK", "log-0000000002.aof", "snapshot-0000000002.snap");
        }
        try (InMemoryKeyspaceEngine e = open(dir)) {
            e.atomically(Access.READ, tx -> {
                assertThat(((StringValue) tx.db(0).get(b("k0")).value()).bytes()).isEqualTo(b("after"));
                assertThat(tx.db(1).get(b("k1"))).isNull();
                assertThat(tx.db(1).get(b("k4"))).isNotNull();
                assertThat(tx.db(0).size()).isEqualTo(667);
                assertThat(tx.db(1).size()).isEqualTo(666);
                assertThat(tx.db(2).size()).isZero();
                return null;
            }).toCompletableFuture().join();
        }
    }

    @Test
    void secondEngineOnOneDirectoryIsRefused() throws Exception {
        try (InMemoryKeyspaceEngine e = open(dir)) {
            assertThatThrownBy(() -> open(dir)).isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.WRITE)) {
            assertThat(ch.tryLock()).isNotNull();
        }
    }
}
