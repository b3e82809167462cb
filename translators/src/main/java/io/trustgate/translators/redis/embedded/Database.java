package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ScanPage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One numbered database: entries in a {@link KeyTable} (a hash table whose walk is in {@link Key} order, the order
 * SCAN and snapshots follow) and an index of keys by expiry time for the sweep. Changing an existing key's entry
 * replaces it in its table node; adding a key is one hash insert. A key is expired when the clock is past its
 * {@code expireAt} (Redis's rule). Not thread-safe: the engine's lock guards every call.
 */
final class Database {

    /** A key's place in the expiry index. */
    private record Timer(long expireAt, Key key) {
    }

    private static final Comparator<Timer> BY_TIME =
            Comparator.comparingLong(Timer::expireAt).thenComparing(Timer::key);

    private final KeyTable entries = new KeyTable();
    private final TreeSet<Timer> timers = new TreeSet<>(BY_TIME);

    static boolean isExpired(Entry e, long now) {
        return e.hasExpiry() && now > e.expireAt();
    }

    /** The live entry, removing it first if it has expired. */
    Entry get(Key key, long now) {
        KeyTable.Node node = entries.get(key);
        if (node == null) {
            return null;
        }
        Entry e = node.entry;
        if (isExpired(e, now)) {
            remove(key);
            return null;
        }
        return e;
    }

    /** The entry as stored, expired or not (replay and snapshots see everything). */
    Entry peek(Key key) {
        KeyTable.Node node = entries.get(key);
        return node == null ? null : node.entry;
    }

    /** Up to {@code max} entries after {@code after} (from the start when null), in key order. */
    List<Map.Entry<Key, Entry>> batchAfter(Key after, int max) {
        List<Map.Entry<Key, Entry>> out = new ArrayList<>(Math.min(max, 1024));
        for (KeyTable.Node n = after == null ? entries.first(0) : entries.higher(after);
                n != null && out.size() < max; n = entries.next(n)) {
            out.add(Map.entry(n, n.entry));
        }
        return out;
    }

    /** Stores the entry; returns the one it replaced (live or not), or null. */
    Entry put(Key key, KeyspaceValue value, long expireAt, long stamp) {
        KeyTable.Node node = entries.getOrAdd(key);
        Entry old = node.entry;
        node.entry = new Entry(value, expireAt, stamp);
        if (old != null && old.hasExpiry()) {
            if (old.expireAt() == expireAt) {
                return old; // same timer
            }
            timers.remove(new Timer(old.expireAt(), node));
        }
        if (expireAt != Entry.NO_EXPIRY) {
            timers.add(new Timer(expireAt, node));
        }
        return old;
    }

    /** Removes the key; returns the entry it held (live or not), or null. */
    Entry remove(Key key) {
        KeyTable.Node node = entries.remove(key);
        if (node == null) {
            return null;
        }
        Entry old = node.entry;
        if (old.hasExpiry()) {
            timers.remove(new Timer(old.expireAt(), node));
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
        KeyTable.Node n = entries.first(cursor);
        while (n != null) {
            Key key = n;
            if (keys.size() >= count && key.hash != lastHash) {
                return new ScanPage(key.hash, keys);
            }
            lastHash = key.hash;
            KeyTable.Node following = entries.next(n);
            if (isExpired(n.entry, now)) {
                remove(key);
            } else {
                keys.add(key.bytes);
            }
            n = following;
        }
        return new ScanPage(0, keys);
    }

    /** A live key near a random hash (not exactly uniform, like Redis's), or null when there is none. */
    byte[] randomKey(long now) {
        for (int attempt = 0; attempt < 100 && entries.size() > 0; attempt++) {
            long hash = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            KeyTable.Node n = entries.first(hash);
            if (n == null) {
                n = entries.first(0);
            }
            if (get(n, now) != null) {
                return n.bytes;
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
        List<Key> doomed = new ArrayList<>();
        for (KeyTable.Node n = entries.first(0); n != null; n = entries.next(n)) {
            if (which.test(n)) {
                doomed.add(n);
            }
        }
        doomed.forEach(this::remove);
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
