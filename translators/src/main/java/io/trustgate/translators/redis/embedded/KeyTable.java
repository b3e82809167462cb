package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;

import java.util.Arrays;

/**
 * The keys of one database: a chained hash table whose buckets are indexed by the <em>top</em> bits of
 * {@link Key#hash}, with every chain kept in {@link Key} order. Bucket {@code b} of a table of {@code 2^n} buckets
 * holds exactly the hashes in {@code [b, b + 1) * 2^(63 - n)}, so walking the buckets in index order, and each
 * chain from its head, visits the keys in {@link Key} order: the order SCAN cursors and snapshot windows are
 * defined by. Growing splits bucket {@code b} into {@code 2b} and {@code 2b + 1} and shrinking merges them back;
 * both keep that order, so a cursor (a hash) means the same thing across any resize, and, unlike a sorted tree,
 * adding a key costs one hash lookup. This is Redis's reverse-binary SCAN cursor seen from the other end: Redis
 * indexes by the low bits and increments the cursor bit-reversed; indexing by the high bits makes the plain
 * increment the same walk.
 *
 * <p>Not thread-safe: the engine's lock guards every call. A {@link Node} stays valid (and {@link #next} works
 * from it) while its key is in the table, whatever else is added, removed or resized meanwhile.
 */
final class KeyTable {

    /**
     * One key and what it holds; {@code entry} is replaced in place when the key is written again. The node is the
     * stored key itself, so a lookup reads the hash and the bytes' reference from the node it already loaded.
     */
    static final class Node extends Key {
        Entry entry;
        Node next;

        Node(Key key) {
            super(key.bytes, key.hash);
        }
    }

    private static final int MIN_BITS = 4;

    private Node[] buckets = new Node[1 << MIN_BITS];
    private int bits = MIN_BITS;
    private int size;

    int size() {
        return size;
    }

    private int bucket(long hash) {
        return (int) (hash >>> (63 - bits));
    }

    /** The node of {@code key}, or null. */
    Node get(Key key) {
        long h = key.hash;
        for (Node n = buckets[bucket(h)]; n != null; n = n.next) {
            long nh = n.hash;
            if (nh == h && Arrays.equals(n.bytes, key.bytes)) {
                return n;
            }
            if (nh > h) {
                return null; // chains are sorted: it would have come before
            }
        }
        return null;
    }

    /** The node of {@code key}, added with a null entry when the key is new (the caller sets it). */
    Node getOrAdd(Key key) {
        int b = bucket(key.hash);
        Node prev = null;
        Node n = buckets[b];
        while (n != null) {
            int c = n.compareTo(key);
            if (c == 0) {
                return n;
            }
            if (c > 0) {
                break;
            }
            prev = n;
            n = n.next;
        }
        Node added = new Node(key);
        added.next = n;
        if (prev == null) {
            buckets[b] = added;
        } else {
            prev.next = added;
        }
        if (++size > (buckets.length >> 1) + (buckets.length >> 2)) {
            resize(bits + 1);
        }
        return added;
    }

    /** Removes {@code key}; returns its node, or null when it was not there. */
    Node remove(Key key) {
        long h = key.hash;
        int b = bucket(h);
        Node prev = null;
        for (Node n = buckets[b]; n != null; prev = n, n = n.next) {
            long nh = n.hash;
            if (nh == h && Arrays.equals(n.bytes, key.bytes)) {
                if (prev == null) {
                    buckets[b] = n.next;
                } else {
                    prev.next = n.next;
                }
                n.next = null;
                if (--size < buckets.length >> 3 && bits > MIN_BITS) {
                    resize(bits - 1);
                }
                return n;
            }
            if (nh > h) {
                return null;
            }
        }
        return null;
    }

    /** The first node whose hash is {@code >= hash} (in {@link Key} order), or null. */
    Node first(long hash) {
        int b = bucket(hash);
        for (Node n = buckets[b]; n != null; n = n.next) {
            if (n.hash >= hash) {
                return n;
            }
        }
        return headFrom(b + 1);
    }

    /** The first node after {@code key} in {@link Key} order ({@code key} itself need not be present), or null. */
    Node higher(Key key) {
        int b = bucket(key.hash);
        for (Node n = buckets[b]; n != null; n = n.next) {
            if (n.compareTo(key) > 0) {
                return n;
            }
        }
        return headFrom(b + 1);
    }

    /** The node after {@code n}, which must be in the table, in {@link Key} order; or null at the end. */
    Node next(Node n) {
        return n.next != null ? n.next : headFrom(bucket(n.hash) + 1);
    }

    private Node headFrom(int b) {
        Node[] t = buckets;
        for (int i = b; i < t.length; i++) {
            if (t[i] != null) {
                return t[i];
            }
        }
        return null;
    }

    void clear() {
        buckets = new Node[1 << MIN_BITS];
        bits = MIN_BITS;
        size = 0;
    }

    /** Splits every bucket in two (growing) or merges pairs (shrinking); chains stay in {@link Key} order. */
    private void resize(int newBits) {
        Node[] old = buckets;
        Node[] t = new Node[1 << newBits];
        if (newBits > bits) {
            int shift = 63 - newBits;
            for (int i = 0; i < old.length; i++) {
                // the chain is sorted, so the keys of the lower half (bucket 2i) all come first
                Node lowHead = old[i];
                Node lowTail = null;
                Node n = lowHead;
                while (n != null && (int) (n.hash >>> shift) == 2 * i) {
                    lowTail = n;
                    n = n.next;
                }
                if (lowTail == null) {
                    lowHead = null;
                } else {
                    lowTail.next = null;
                }
                t[2 * i] = lowHead;
                t[2 * i + 1] = n;
            }
        } else {
            for (int i = 0; i < t.length; i++) {
                Node low = old[2 * i];
                Node high = old[2 * i + 1];
                if (low == null) {
                    t[i] = high;
                } else {
                    Node tail = low;
                    while (tail.next != null) {
                        tail = tail.next;
                    }
                    tail.next = high;
                    t[i] = low;
                }
            }
        }
        buckets = t;
        bits = newBits;
    }
}
