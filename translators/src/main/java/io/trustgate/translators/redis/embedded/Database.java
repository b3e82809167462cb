package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ScanPage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One numbered database: entries ordered by {@link Key}, plus an index of keys by expiry time for the sweep.
 * A key is expired when the clock is past its {@code expireAt} (Redis's rule). Not thread-safe: the engine's lock
 * guards every call.
 */
final class Database {

    /** A key's place in the expiry index. */
    private record Timer(long expireAt, Key key) {
    }

    private static final Comparator<Timer> BY_TIME =
            Comparator.comparingLong(Timer::expireAt).thenComparing(Timer::key);

    private final TreeMap<Key, Entry> entries = new TreeMap<>();
    private final TreeSet<Timer> timers = new TreeSet<>(BY_TIME);

    static boolean isExpired(Entry e, long now) {
        return e.hasExpiry() && now > e.expireAt();
    }

    /** The live entry, removing it first if it has expired. */
    Entry get(Key key, long now) {
        Entry e = entries.get(key);
        if (e != null && isExpired(e, now)) {
            remove(key);
            return null;
        }
        return e;
    }

    /** The entry as stored, expired or not (replay and snapshots see everything). */
    Entry peek(Key key) {
        return entries.get(key);
    }

    /** Up to {@code max} entries after {@code after} (from the start when null), in key order. */
    List<Map.Entry<Key, Entry>> batchAfter(Key after, int max) {
        Map<Key, Entry> tail = after == null ? entries : entries.tailMap(after, false);
        List<Map.Entry<Key, Entry>> out = new ArrayList<>(Math.min(max, 1024));
        for (Map.Entry<Key, Entry> me : tail.entrySet()) {
            if (out.size() >= max) {
                break;
            }
            out.add(Map.entry(me.getKey(), me.getValue()));
        }
        return out;
    }

    /** Stores the entry; returns the one it replaced (live or not), or null. */
    Entry put(Key key, KeyspaceValue value, long expireAt, long stamp) {
        Entry old = entries.put(key, new Entry(value, expireAt, stamp));
        if (old != null && old.hasExpiry()) {
            if (old.expireAt() == expireAt) {
                return old; // same timer
            }
            timers.remove(new Timer(old.expireAt(), key));
        }
        if (expireAt != Entry.NO_EXPIRY) {
            timers.add(new Timer(expireAt, key));
        }
        return old;
    }

    /** Removes the key; returns the entry it held (live or not), or null. */
    Entry remove(Key key) {
        Entry old = entries.remove(key);
        if (old != null && old.hasExpiry()) {
            timers.remove(new Timer(old.expireAt(), key));
        }
        return old;
    }

    /**
     * Live keys from hash {@code cursor} on: at least {@code count} (unless the end comes first) and always every
     * key of the last hash reached, so that the next cursor, the following hash, skips nothing.
     */
    ScanPage scan(long cursor, int count, long now) {
        List<byte[]> keys = new ArrayList<>(Math.min(count, 1024));
        if (cursor < 0) {
            return new ScanPage(0, keys);
        }
        long lastHash = -1;
        Iterator<Map.Entry<Key, Entry>> it = entries.tailMap(Key.first(cursor), true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> me = it.next();
            Key key = me.getKey();
            if (keys.size() >= count && key.hash != lastHash) {
                return new ScanPage(key.hash, keys);
            }
            lastHash = key.hash;
            if (isExpired(me.getValue(), now)) {
                it.remove();
                timers.remove(new Timer(me.getValue().expireAt(), key));
            } else {
                keys.add(key.bytes);
            }
        }
        return new ScanPage(0, keys);
    }

    /** A live key near a random hash (not exactly uniform, like Redis's), or null when there is none. */
    byte[] randomKey(long now) {
        for (int attempt = 0; attempt < 100 && !entries.isEmpty(); attempt++) {
            long hash = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            Map.Entry<Key, Entry> me = entries.ceilingEntry(Key.first(hash));
            if (me == null) {
                me = entries.firstEntry();
            }
            if (get(me.getKey(), now) != null) {
                return me.getKey().bytes;
            }
        }
        List<byte[]> any = scan(0, 1, now).keys();
        return any.isEmpty() ? null : any.get(0);
    }

    long size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
        timers.clear();
    }

    /** Removes every key {@code which} accepts (replay of a clear over a fuzzy snapshot). */
    void removeIf(java.util.function.Predicate<Key> which) {
        entries.keySet().stream().filter(which).toList().forEach(this::remove);
    }

    /** Removes up to {@code budget} expired keys, earliest first; returns how many it removed. */
    int sweep(long now, int budget) {
        int removed = 0;
        while (removed < budget && !timers.isEmpty() && timers.first().expireAt() < now) {
            Timer t = timers.pollFirst();
            entries.remove(t.key());
            removed++;
        }
        return removed;
    }
}
