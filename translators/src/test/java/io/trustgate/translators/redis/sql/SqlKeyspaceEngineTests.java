package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.KeyspaceEngine.Access;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.ScanPage;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.StringValue;
import io.trustgate.redis.spi.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static io.trustgate.translators.redis.sql.SqlEngineContract.b;
import static io.trustgate.translators.redis.sql.SqlEngineContract.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link io.trustgate.redis.spi.KeyspaceEngine} contract on a real database; subclasses pick which. */
abstract class SqlKeyspaceEngineTests {

    final SqlEngineContract db = contract();
    final SqlKeyspaceEngine engine = db.engine(Duration.ZERO);

    abstract SqlEngineContract contract();

    @AfterEach
    void drop() {
        db.dropAll();
    }

    @Test
    void storesAndReadsBackEveryType() {
        HashValue hash = new HashValue();
        hash.put(b("f1"), b("v1"));
        hash.put(b("f2"), new byte[] {0, (byte) 0xff});
        ListValue list = new ListValue();
        list.addLast(b("a"));
        list.addLast(b("b"));
        list.addFirst(b("z"));
        SetValue set = new SetValue();
        set.add(b("m1"));
        set.add(b("m2"));
        SortedSetValue zset = new SortedSetValue();
        zset.put(b("low"), Double.NEGATIVE_INFINITY);
        zset.put(b("mid"), -0.0);
        zset.put(b("high"), 2.5);
        join(engine, Access.WRITE, tx -> {
            tx.db(0).put(b("s"), new StringValue(new byte[] {1, 0, 2}), Entry.NO_EXPIRY);
            tx.db(0).put(b("h"), hash, Entry.NO_EXPIRY);
            tx.db(0).put(b("l"), list, Entry.NO_EXPIRY);
            tx.db(0).put(b("set"), set, Entry.NO_EXPIRY);
            tx.db(3).put(b("z"), zset, 1_800_000_000_000L);
            return null;
        });

        join(engine, Access.READ, tx -> {
            assertThat(((StringValue) tx.db(0).get(b("s")).value()).bytes()).containsExactly(1, 0, 2);
            HashValue h = (HashValue) tx.db(0).get(b("h")).value();
            assertThat(h.size()).isEqualTo(2);
            assertThat(h.get(b("f2"))).containsExactly(0, 0xff);
            List<byte[]> l = ((ListValue) tx.db(0).get(b("l")).value()).toList();
            assertThat(l).extracting(String::new).containsExactly("z", "a", "b");
            SetValue s = (SetValue) tx.db(0).get(b("set")).value();
            assertThat(s.contains(b("m1")) && s.contains(b("m2")) && s.size() == 2).isTrue();
            Entry z = tx.db(3).get(b("z"));
            assertThat(z.expireAt()).isEqualTo(1_800_000_000_000L);
            assertThat(((SortedSetValue) z.value()).members()).extracting(m -> new String(m.member()))
                    .containsExactly("low", "mid", "high");
            assertThat(((SortedSetValue) z.value()).score(b("low"))).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(Double.doubleToLongBits(((SortedSetValue) z.value()).score(b("mid"))))
                    .isEqualTo(Double.doubleToLongBits(-0.0));
            assertThat(tx.db(0).get(b("z"))).isNull();
            assertThat(tx.db(3).type(b("z"))).isEqualTo(ValueType.ZSET);
            assertThat(tx.db(0).exists(b("nope"))).isFalse();
            return null;
        });
    }

    @Test
    void replacingAValueChangesTypeAndStamp() {
        long first = join(engine, Access.WRITE, tx -> {
            tx.db(0).put(b("k"), new StringValue(b("v")), Entry.NO_EXPIRY);
            return tx.db(0).get(b("k")).stamp();
        });
        long second = join(engine, Access.WRITE, tx -> {
            SetValue s = new SetValue();
            s.add(b("x"));
            tx.db(0).put(b("k"), s, Entry.NO_EXPIRY);
            return tx.db(0).get(b("k")).stamp();
        });
        long third = join(engine, Access.WRITE, tx -> {
            tx.db(0).setExpiry(b("k"), 1_900_000_000_000L);
            return tx.db(0).get(b("k")).stamp();
        });
        long recreated = join(engine, Access.WRITE, tx -> {
            tx.db(0).delete(b("k"));
            tx.db(0).put(b("k"), new StringValue(b("again")), Entry.NO_EXPIRY);
            return tx.db(0).get(b("k")).stamp();
        });
        assertThat(List.of(first, second, third, recreated)).doesNotHaveDuplicates().doesNotContain(0L);
        assertThat(SqlEngineContract.<ValueType>join(engine, Access.READ, tx -> tx.db(0).type(b("k")))).isEqualTo(ValueType.STRING);
        assertThat(SqlEngineContract.<Long>join(engine, Access.READ, tx -> tx.db(0).get(b("k")).stamp())).isEqualTo(recreated);
    }

    @Test
    void expiredKeysAreAbsentOnReadAndSweptInTheBackground() {
        long now = db.clock.get();
        join(engine, Access.WRITE, tx -> {
            for (int i = 0; i < 1200; i++) {
                tx.db(1).put(b("e" + i), new StringValue(b("v")), now + 100);
            }
            tx.db(1).put(b("keep"), new StringValue(b("v")), now + 10_000);
            return null;
        });
        assertThat(SqlEngineContract.<Entry>join(engine, Access.READ, tx -> tx.db(1).get(b("e7")))).isNotNull();
        db.clock.addAndGet(101);
        assertThat(SqlEngineContract.<Entry>join(engine, Access.READ, tx -> tx.db(1).get(b("e7")))).isNull();
        assertThat(SqlEngineContract.<Boolean>join(engine, Access.READ, tx -> tx.db(1).exists(b("e8")))).isFalse();
        assertThat(SqlEngineContract.<Long>join(engine, Access.READ, tx -> tx.db(1).size())).isEqualTo(1201L);

        assertThat(engine.sweep()).isEqualTo(1200);
        assertThat(SqlEngineContract.<Long>join(engine, Access.READ, tx -> tx.db(1).size())).isEqualTo(1L);
        assertThat(SqlEngineContract.<Entry>join(engine, Access.READ, tx -> tx.db(1).get(b("keep")))).isNotNull();
    }

    @Test
    void scheduledSweepRunsOnItsOwn() throws InterruptedException {
        SqlKeyspaceEngine swept = db.engine(Duration.ofMillis(50));
        join(swept, Access.WRITE, tx -> {
            tx.db(0).put(b("gone"), new StringValue(b("v")), db.clock.get() + 1);
            return null;
        });
        db.clock.addAndGet(10);
        long deadline = System.currentTimeMillis() + 10_000;
        while (join(swept, Access.READ, tx -> tx.db(0).size()) != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(SqlEngineContract.<Long>join(swept, Access.READ, tx -> tx.db(0).size())).isZero();
    }

    @Test
    void scanCoversEveryKeyAndClearEmptiesOnlyItsDatabase() {
        join(engine, Access.WRITE, tx -> {
            for (int i = 0; i < 250; i++) {
                tx.db(2).put(b("k" + i), new StringValue(b("v")), Entry.NO_EXPIRY);
            }
            tx.db(5).put(b("other"), new StringValue(b("v")), Entry.NO_EXPIRY);
            return null;
        });
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int pages = 0;
        do {
            long c = cursor;
            ScanPage page = join(engine, Access.READ, tx -> tx.db(2).scan(c, 40));
            page.keys().forEach(k -> seen.add(new String(k)));
            cursor = page.cursor();
            pages++;
        } while (cursor != 0);
        assertThat(seen).hasSize(250).contains("k0", "k249");
        assertThat(pages).isGreaterThan(5);
        assertThat(SqlEngineContract.<String>join(engine, Access.READ, tx -> new String(tx.db(2).randomKey()))).startsWith("k");
        assertThat(SqlEngineContract.<byte[]>join(engine, Access.READ, tx -> tx.db(7).randomKey())).isNull();

        join(engine, Access.WRITE, tx -> {
            tx.db(2).clear();
            return null;
        });
        assertThat(SqlEngineContract.<Long>join(engine, Access.READ, tx -> tx.db(2).size())).isZero();
        assertThat(SqlEngineContract.<Long>join(engine, Access.READ, tx -> tx.db(5).size())).isEqualTo(1L);
    }

    @Test
    void aFailingUnitRollsBackItsWrites() {
        assertThatThrownBy(() -> join(engine, Access.WRITE, tx -> {
            tx.db(0).put(b("half"), new StringValue(b("v")), Entry.NO_EXPIRY);
            throw new IllegalStateException("boom");
        })).isInstanceOf(CompletionException.class).hasRootCauseMessage("boom");
        assertThat(SqlEngineContract.<Boolean>join(engine, Access.READ, tx -> tx.db(0).exists(b("half")))).isFalse();
    }

    @Test
    void aReadUnitRefusesToWrite() {
        assertThatThrownBy(() -> join(engine, Access.READ, tx -> {
            tx.db(0).put(b("x"), new StringValue(b("v")), Entry.NO_EXPIRY);
            return null;
        })).hasRootCauseMessage("write inside a READ unit of work");
    }

    @Test
    void runsUnitsOffTheCallingThread() {
        Thread caller = Thread.currentThread();
        assertThat(SqlEngineContract.<Thread>join(engine, Access.READ, tx -> Thread.currentThread())).isNotSameAs(caller);
    }

    @Test
    void largeValuesRoundTrip() {
        byte[] big = new byte[8 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        join(engine, Access.WRITE, tx -> {
            tx.db(0).put(b("big"), new StringValue(big), Entry.NO_EXPIRY);
            return null;
        });
        byte[] read = join(engine, Access.READ, tx -> ((StringValue) tx.db(0).get(b("big")).value()).bytes());
        assertThat(read).isEqualTo(big);
    }
}
