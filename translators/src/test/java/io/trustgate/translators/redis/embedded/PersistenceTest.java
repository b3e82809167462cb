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
        Records.beginFrame(out);
        Records.put(out, 3, b("k"), 42, allKinds()[2]);
        Records.listPush(out, 3, b("l"), true, b("e"));
        Records.endFrame(out, 0);
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

    /** Every key of databases 0-2 as text, to compare a live engine with its recovery. */
    private static java.util.Map<String, String> dump(InMemoryKeyspaceEngine e) {
        return e.atomically(Access.READ, tx -> {
            java.util.Map<String, String> all = new java.util.TreeMap<>();
            for (int db = 0; db < 3; db++) {
                long cursor = 0;
                do {
                    var page = tx.db(db).scan(cursor, 100);
                    for (byte[] k : page.keys()) {
                        Entry en = tx.db(db).get(k);
                        all.put(db + ":" + new String(k, StandardCharsets.UTF_8), describe(en.value()) + "@" + en.expireAt());
                    }
                    cursor = page.cursor();
                } while (cursor != 0);
            }
            return all;
        }).toCompletableFuture().join();
    }

    /** One unit that reads {@code key}'s value (a fresh {@code empty} when absent), changes it and stores it back. */
    private static <V extends KeyspaceValue> void change(InMemoryKeyspaceEngine e, int db, String key, V empty,
                                                         java.util.function.Consumer<V> edit) {
        e.atomically(Access.WRITE, tx -> {
            Entry en = tx.db(db).get(b(key));
            @SuppressWarnings("unchecked")
            V v = en == null ? empty : (V) en.value();
            edit.accept(v);
            tx.db(db).put(b(key), v, en == null ? Entry.NO_EXPIRY : en.expireAt());
            return null;
        }).toCompletableFuture().join();
    }

    @Test
    void deltaRecordsOfEveryKindReplayToTheSameKeyspace() throws Exception {
        long later = System.currentTimeMillis() + 3_600_000;
        java.util.Map<String, String> before;
        try (InMemoryKeyspaceEngine e = open(dir)) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                change(e, 0, "list", new ListValue(), l -> l.addLast(b("e" + n)));
                change(e, 0, "hash", new HashValue(), h -> h.put(b("f" + n), b("v" + n)));
                change(e, 1, "set", new SetValue(), s -> s.add(b("m" + n)));
                change(e, 2, "zset", new SortedSetValue(), z -> z.put(b("z" + n), n / 3.0));
            }
            Path log = dir.resolve("log-0000000001.aof");
            long size = Files.size(log);
            change(e, 0, "list", new ListValue(), l -> l.addFirst(b("head")));
            assertThat(Files.size(log) - size).as("a push onto 200 elements logs the push only").isLessThan(64);
            change(e, 0, "list", new ListValue(), l -> {
                l.pollFirst();
                l.pollLast();
                l.addLast(b("tail"));
            });
            change(e, 0, "list2", new ListValue(), l -> l.addLast(b("x")));
            change(e, 0, "list2", new ListValue(), l -> l.replaceWith(List.of(b("y"), b("z"))));
            change(e, 0, "hash", new HashValue(), h -> {
                h.put(b("f1"), b("overwritten"));
                h.remove(b("f2"));
                h.remove(b("f199"));
            });
            change(e, 1, "set", new SetValue(), s -> {
                s.remove(b("m0"));
                s.remove(b("m150"));
                s.add(b("new"));
            });
            change(e, 2, "zset", new SortedSetValue(), z -> {
                z.put(b("z3"), -7.25);
                z.remove(b("z4"));
                z.put(b("fresh"), Double.POSITIVE_INFINITY);
            });
            e.atomically(Access.WRITE, tx -> {
                tx.db(1).put(b("str"), new StringValue(b("s1")), Entry.NO_EXPIRY);
                tx.db(1).put(b("str"), new StringValue(b("s2")), later);
                tx.db(0).setExpiry(b("hash"), later);
                tx.db(1).put(b("doomed"), new StringValue(b("d")), Entry.NO_EXPIRY);
                tx.db(1).delete(b("doomed"));
                // RENAME as the command layer does it: delete, then store the same object elsewhere
                Entry zset = tx.db(2).get(b("zset"));
                tx.db(2).delete(b("zset"));
                tx.db(2).put(b("renamed"), zset.value(), zset.expireAt());
                ((SortedSetValue) zset.value()).put(b("after-rename"), 1);
                tx.db(2).put(b("renamed"), zset.value(), zset.expireAt());
                tx.db(2).put(b("cleared"), new StringValue(b("c")), Entry.NO_EXPIRY);
                return null;
            }).toCompletableFuture().join();
            e.atomically(Access.WRITE, tx -> {
                tx.db(2).clear();
                tx.db(2).put(b("survivor"), new StringValue(b("s")), Entry.NO_EXPIRY);
                return null;
            }).toCompletableFuture().join();
            // a list popped empty is deleted, then the same object is pushed to and stored again in that unit
            e.atomically(Access.WRITE, tx -> {
                ListValue l = (ListValue) tx.db(0).get(b("list2")).value();
                l.pollFirst();
                l.pollFirst();
                tx.db(0).delete(b("list2"));
                l.addLast(b("again"));
                tx.db(0).put(b("list2"), l, Entry.NO_EXPIRY);
                l.addLast(b("more"));
                tx.db(0).put(b("list2"), l, Entry.NO_EXPIRY);
                return null;
            }).toCompletableFuture().join();
            before = dump(e);
        }
        assertThat(before).containsKeys("0:list", "0:hash", "1:set", "1:str", "2:survivor")
                .doesNotContainKey("2:renamed").containsEntry("0:list2", "L[[97, 103, 97, 105, 110], [109, 111, 114, 101]]@-1");
        try (InMemoryKeyspaceEngine e = open(dir)) {
            assertThat(dump(e)).isEqualTo(before);
        }
    }

    @Test
    void tornLastDeltaRecordIsDroppedAtEveryOffset() throws Exception {
        java.util.Map<String, String> intactState;
        try (InMemoryKeyspaceEngine e = open(dir)) {
            change(e, 0, "list", new ListValue(), l -> l.addLast(b("a")));
            change(e, 0, "list", new ListValue(), l -> l.addLast(b("b")));
            change(e, 0, "hash", new HashValue(), h -> h.put(b("f"), b("1")));
            intactState = dump(e);
        }
        Path log = dir.resolve("log-0000000001.aof");
        long intact = Files.size(log);
        try (InMemoryKeyspaceEngine e = open(dir)) {
            e.atomically(Access.WRITE, tx -> {
                ListValue l = (ListValue) tx.db(0).get(b("list")).value();
                l.pollFirst();
                l.addFirst(b("c"));
                tx.db(0).put(b("list"), l, Entry.NO_EXPIRY);
                HashValue h = (HashValue) tx.db(0).get(b("hash")).value();
                h.put(b("f"), b("2"));
                h.put(b("g"), b("3"));
                tx.db(0).put(b("hash"), h, Entry.NO_EXPIRY);
                return null;
            }).toCompletableFuture().join();
        }
        byte[] full = Files.readAllBytes(log);
        for (long cut = intact; cut < full.length; cut++) {
            Files.write(log, java.util.Arrays.copyOf(full, (int) cut));
            try (InMemoryKeyspaceEngine e = open(dir)) {
                assertThat(dump(e)).as("cut at %d", cut).isEqualTo(intactState);
            }
            assertThat(Files.size(log)).as("cut at %d", cut).isEqualTo(intact);
        }
        Files.write(log, full);
        try (InMemoryKeyspaceEngine e = open(dir)) {
            assertThat(dump(e)).containsEntry("0:list", "L[[99], [98]]@-1");
        }
    }

    @Test
    void deltasWrittenWhileASnapshotIsTakenApplyExactlyOnce() throws Exception {
        java.util.Map<String, String> before;
        try (InMemoryKeyspaceEngine e = open(dir)) {
            e.atomically(Access.WRITE, tx -> {
                for (int i = 0; i < 20_000; i++) {
                    tx.db(i % 2).put(b("k" + i), new StringValue(b("v")), Entry.NO_EXPIRY);
                }
                return null;
            }).toCompletableFuture().join();
            int[] round = {0};
            Runnable deltas = () -> {
                int i = round[0]++;
                for (int k = 0; k < 7; k++) {
                    int n = i * 7 + k;
                    change(e, n % 3, "list" + k, new ListValue(), l -> l.addLast(b("e" + n)));
                    change(e, 1, "hash" + k, new HashValue(), h -> h.put(b("f" + (n % 11)), b("v" + n)));
                    change(e, 0, "zset" + k, new SortedSetValue(), z -> z.put(b("m" + (n % 13)), n));
                    change(e, 2, "set" + k, new SetValue(), s -> {
                        if (!s.remove(b("m" + (n % 5)))) {
                            s.add(b("m" + (n % 5)));
                        }
                        s.add(b("keep"));
                    });
                }
            };
            deltas.run(); // the collections exist before the snapshot starts
            // between every batch of the snapshot: deltas on keys it has copied already and on keys still to come
            e.compact(deltas);
            assertThat(round[0]).isGreaterThan(40);
            before = dump(e);
        }
        try (InMemoryKeyspaceEngine e = open(dir)) {
            assertThat(dump(e)).isEqualTo(before);
            // appended to the same log generation after the restart: must apply over the snapshot's windows too
            change(e, 0, "list0", new ListValue(), l -> l.addFirst(b("after-restart")));
            change(e, 1, "hash0", new HashValue(), h -> h.put(b("g"), b("after-restart")));
            before = dump(e);
        }
        try (InMemoryKeyspaceEngine e = open(dir)) {
            assertThat(dump(e)).isEqualTo(before);
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
