package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.spi.KeyspaceTransaction;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ScanPage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The simplest engine that honours the SPI, for testing the command semantics without the translators module:
 * sorted maps, a manual clock, a cursor that is the index to resume at, configurable capabilities, and a switch
 * that makes every unit fail like a broken backend.
 */
final class MapKeyspaceEngine implements KeyspaceEngine {

    static final Set<Capability> ALL = EnumSet.of(Capability.STRINGS, Capability.LISTS, Capability.HASHES,
            Capability.SETS, Capability.SORTED_SETS, Capability.EXPIRY, Capability.TRANSACTIONS);

    private final Set<Capability> capabilities;
    private final List<TreeMap<byte[], Entry>> dbs = new ArrayList<>();
    private long now = 1_700_000_000_000L;
    private long stamps;
    private boolean failing;
    int units;

    MapKeyspaceEngine() {
        this(ALL, 16);
    }

    MapKeyspaceEngine(Set<Capability> capabilities, int databases) {
        this.capabilities = capabilities;
        for (int i = 0; i < databases; i++) {
            dbs.add(new TreeMap<>(Arrays::compare));
        }
    }

    long now() {
        return now;
    }

    void advance(long millis) {
        now += millis;
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public int databases() {
        return dbs.size();
    }

    @Override
    public synchronized <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work) {
        units++;
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("disk on fire"));
        }
        try {
            return CompletableFuture.completedFuture(work.apply(new KeyspaceTransaction() {
                @Override
                public Keyspace db(int index) {
                    return new View(dbs.get(index));
                }

                @Override
                public long nowMillis() {
                    return now;
                }
            }));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
    }

    private final class View implements Keyspace {
        private final TreeMap<byte[], Entry> map;

        View(TreeMap<byte[], Entry> map) {
            this.map = map;
        }

        private boolean expired(Entry e) {
            return e.hasExpiry() && now > e.expireAt();
        }

        @Override
        public Entry get(byte[] key) {
            Entry e = map.get(key);
            if (e != null && expired(e)) {
                map.remove(key);
                return null;
            }
            return e;
        }

        @Override
        public void put(byte[] key, KeyspaceValue value, long expireAt) {
            map.put(key, new Entry(value, expireAt, ++stamps));
        }

        @Override
        public boolean setExpiry(byte[] key, long expireAt) {
            Entry e = get(key);
            if (e == null) {
                return false;
            }
            put(key, e.value(), expireAt);
            return true;
        }

        @Override
        public boolean delete(byte[] key) {
            Entry e = map.remove(key);
            return e != null && !expired(e);
        }

        @Override
        public ScanPage scan(long cursor, int count) {
            List<byte[]> keys = new ArrayList<>();
            Iterator<Map.Entry<byte[], Entry>> it = map.entrySet().iterator();
            long index = 0;
            while (it.hasNext()) {
                Map.Entry<byte[], Entry> me = it.next();
                if (index++ < cursor) {
                    continue;
                }
                if (keys.size() == count) {
                    return new ScanPage(index - 1, keys);
                }
                if (!expired(me.getValue())) {
                    keys.add(me.getKey());
                }
            }
            return new ScanPage(0, keys);
        }

        @Override
        public byte[] randomKey() {
            for (byte[] key : map.keySet()) {
                if (get(key) != null) {
                    return key;
                }
            }
            return null;
        }

        @Override
        public long size() {
            return map.size();
        }

        @Override
        public void clear() {
            map.clear();
        }
    }
}
