package io.trustgate.redis.spi;

import java.util.Arrays;

/**
 * The member-to-score side of a {@link SortedSetValue}: an open-addressing hash table (linear probing, at most half
 * full, backward-shift deletion so there are no tombstones) keyed directly on the member bytes. Keys and scores sit
 * in two parallel arrays, so a member costs no object here beyond its own {@code byte[]} (no wrapper, no node, no
 * boxed score). Not thread-safe; the member arrays are shared, never changed.
 */
final class MemberIndex {

    private static final int MIN_CAPACITY = 8;

    private byte[][] keys;
    private double[] scores;
    private int size;

    MemberIndex() {
        this(MIN_CAPACITY);
    }

    private MemberIndex(int capacity) {
        keys = new byte[capacity][];
        scores = new double[capacity];
    }

    int size() {
        return size;
    }

    /** The slot holding {@code member} (≥ 0), or {@code ~slot} of the empty slot where it would go. */
    int slot(byte[] member) {
        int mask = keys.length - 1;
        for (int i = home(member, mask); ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return ~i;
            }
            if (Arrays.equals(k, member)) {
                return i;
            }
        }
    }

    byte[] key(int slot) {
        return keys[slot];
    }

    double score(int slot) {
        return scores[slot];
    }

    void setScore(int slot, double score) {
        scores[slot] = score;
    }

    /** Stores a member known to be absent in the empty slot {@code ~slot(member)} returned. */
    void add(int emptySlot, byte[] member, double score) {
        keys[emptySlot] = member;
        scores[emptySlot] = score;
        if (++size > keys.length / 2) {
            resize(keys.length * 2);
        }
    }

    /** Empties {@code slot} and shifts back the entries of its probe run, so every lookup still finds its key. */
    void removeAt(int slot) {
        int mask = keys.length - 1;
        int hole = slot;
        for (int i = (slot + 1) & mask; keys[i] != null; i = (i + 1) & mask) {
            int h = home(keys[i], mask);
            // the entry at i may move to the hole when its home is not cyclically within (hole, i]
            boolean movable = hole <= i ? h <= hole || h > i : h <= hole && h > i;
            if (movable) {
                keys[hole] = keys[i];
                scores[hole] = scores[i];
                hole = i;
            }
        }
        keys[hole] = null;
        size--;
        if (keys.length > MIN_CAPACITY && size < keys.length / 8) {
            resize(keys.length / 2);
        }
    }

    MemberIndex copy() {
        MemberIndex c = new MemberIndex(0);
        c.keys = keys.clone();
        c.scores = scores.clone();
        c.size = size;
        return c;
    }

    private void resize(int capacity) {
        byte[][] oldKeys = keys;
        double[] oldScores = scores;
        keys = new byte[capacity][];
        scores = new double[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            byte[] k = oldKeys[j];
            if (k != null) {
                int i = home(k, mask);
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                scores[i] = oldScores[j];
            }
        }
    }

    private static int home(byte[] member, int mask) {
        int h = Arrays.hashCode(member) * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
