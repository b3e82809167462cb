package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ScanPage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One numbered database: entries ordered by {@link Key} (the order SCAN and snapshots walk), a hash index of the
 * same entries for point reads and writes, and an index of keys by expiry time for the sweep. Both maps hold the
 * same {@link Slot} per key, so changing an existing key's entry touches neither tree nor table: only adding
 * and removing a key walks the tree. A key is expired when the clock is past its {@code expireAt} (Redis's rule).
 * Not thread-safe: the engine's lock guards every call.
 */
final class Database {

    /** A key's place in the expiry index. */
    private record Timer(long expireAt, Key key) {
    }

    /** What a key holds; shared by both maps and replaced in place when the key is written again. */
    private static final class Slot {
        Entry entry;

        Slot(Entry entry) {
            this.entry = entry;
        }
    }

    private static final Comparator<Timer> BY_TIME =
            Comparator.comparingLong(Timer::expireAt).thenComparing(Timer::key);

    private final TreeMap<Key, Slot> entries = new TreeMap<>();
    private final HashMap<Key, Slot> index = new HashMap<>();
    private final TreeSet<Timer> timers = new TreeSet<>(BY_TIME);

    static boolean isExpired(Entry e, long now) {
        return e.hasExpiry() && now > e.expireAt();
    }

    /** The live entry, removing it first if it has expired. */
    Entry get(Key key, long now) {
        Slot slot = index.get(key);
        if (slot == null) {
            return null;
        }
        Entry e = slot.entry;
        if (isExpired(e, now)) {
            remove(key);
            return null;
        }
        return e;
    }

    /** The entry as stored, expired or not (replay and snapshots see everything). */
    Entry peek(Key key) {
        Slot slot = index.get(key);
        return slot == null ? null : slot.entry;
    }

    /** Up to {@code max} entries after {@code after} (from the start when null), in key order. */
    List<Map.Entry<Key, Entry>> batchAfter(Key after, int max) {
        Map<Key, Slot> tail = after == null ? entries : entries.tailMap(after, false);
        List<Map.Entry<Key, Entry>> out = new ArrayList<>(Math.min(max, 1024));
        for (Map.Entry<Key, Slot> me : tail.entrySet()) {
            if (out.size() >= max) {
                break;
            }
            out.add(Map.entry(me.getKey(), me.getValue().entry));
        }
        return out;
    }

    /** Stores the entry; returns the one it replaced (live or not), or null. */
    Entry put(Key key, KeyspaceValue value, long expireAt, long stamp) {
        Entry entry = new Entry(value, expireAt, stamp);
        Slot slot = index.get(key);
        Entry old;
        if (slot != null) {
            old = slot.entry;
            slot.entry = entry;
        } else {
            old = null;
            slot = new Slot(entry);
            index.put(key, slot);
            entries.put(key, slot);
        }
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
        Slot slot = index.remove(key);
        if (slot == null) {
            return null;
        }
        entries.remove(key);
        Entry old = slot.entry;
        if (old.hasExpiry()) {
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
        Iterator<Map.Entry<Key, Slot>> it = entries.tailMap(Key.first(cursor), true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Slot> me = it.next();
            Key key = me.getKey();
            if (keys.size() >= count && key.hash != lastHash) {
                return new ScanPage(key.hash, keys);
            }
            lastHash = key.hash;
            Entry e = me.getValue().entry;
            if (isExpired(e, now)) {
                it.remove();
                index.remove(key);
                timers.remove(new Timer(e.expireAt(), key));
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
            Map.Entry<Key, Slot> me = entries.ceilingEntry(Key.first(hash));
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
        index.clear();
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
            index.remove(t.key());
            removed++;
        }
        return removed;
    }
}
