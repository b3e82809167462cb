package io.trustgate.redis.spi;

import io.trustgate.redis.spi.ScoreTreeNode.Inner;
import io.trustgate.redis.spi.ScoreTreeNode.Leaf;
import io.trustgate.redis.spi.SortedSetValue.Member;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The ordered side of a {@link SortedSetValue}: a B+-tree of (score, member) keys in Redis's order whose inner nodes
 * count the entries under each child, so finding a key's rank, the entry at a rank, or the number of keys before a
 * bound takes O(log n), like the span counts of Redis's zskiplist. Leaves keep their entries in parallel arrays and
 * are chained both ways for walks; a key costs no object of its own. A leaf that falls under a quarter full merges
 * with a neighbour when they fit in one; a node left without a neighbour to merge with may stay small, even empty,
 * which walks skip. Not thread-safe.
 */
final class ScoreTree {

    private static final int CAPACITY = ScoreTreeNode.CAPACITY;
    private static final int UNDERFULL = CAPACITY / 4;

    private ScoreTreeNode root;
    private Leaf head;
    private Leaf tail;
    private int size;

    ScoreTree() {
        Leaf l = new Leaf();
        root = l;
        head = l;
        tail = l;
    }

    int size() {
        return size;
    }

    /** Adds a key known to be absent. */
    void insert(double score, byte[] member) {
        ScoreTreeNode right = insert(root, score, member);
        if (right != null) {
            Inner r = new Inner();
            r.insertAt(0, root, root.count());
            r.insertAt(1, right, right.count());
            root = r;
        }
        size++;
    }

    /** Removes the key; false when it is not there. */
    boolean remove(double score, byte[] member) {
        if (!remove(root, score, member)) {
            return false;
        }
        size--;
        while (root instanceof Inner in && in.n == 1) {
            root = in.kids[0];
        }
        return true;
    }

    /**
     * How many keys come before the probe (score, member), or equal it when {@code orEqual}; a null member makes
     * the probe compare on score alone.
     */
    int countBefore(double score, byte[] member, boolean orEqual) {
        ScoreTreeNode x = root;
        int before = 0;
        while (x instanceof Inner in) {
            int j = in.child(score, member, orEqual);
            for (int k = 0; k < j; k++) {
                before += in.counts[k];
            }
            x = in.kids[j];
        }
        return before + ((Leaf) x).position(score, member, orEqual);
    }

    /** The entry at {@code rank} (0 ≤ rank < size) in ascending order. */
    Member at(int rank) {
        Cursor c = seek(rank);
        return new Member(c.leaf.members[c.index], c.leaf.scores[c.index]);
    }

    /**
     * The entries from {@code rank} on, ascending, or from {@code rank} down to the first when {@code descending};
     * valid until the next change. A rank out of range gives an empty walk.
     */
    Iterator<Member> walk(int rank, boolean descending) {
        return new Walk(rank < 0 || rank >= size ? null : seek(rank), descending);
    }

    /** A copy sharing the member arrays. */
    ScoreTree copy() {
        ScoreTree c = new ScoreTree();
        for (Leaf l = head; l != null; l = l.next) {
            for (int i = 0; i < l.n; i++) {
                c.insert(l.scores[i], l.members[i]);
            }
        }
        return c;
    }

    private ScoreTreeNode insert(ScoreTreeNode x, double score, byte[] member) {
        if (x instanceof Leaf l) {
            return insert(l, l.position(score, member, false), score, member);
        }
        Inner in = (Inner) x;
        int j = in.child(score, member, true);
        in.counts[j]++;
        ScoreTreeNode right = insert(in.kids[j], score, member);
        if (right == null) {
            return null;
        }
        int moved = right.count();
        in.counts[j] -= moved;
        if (in.n < CAPACITY) {
            in.insertAt(j + 1, right, moved);
            return null;
        }
        // full: split in half, or keep this node full when the new child goes last (appends in order fill nodes)
        Inner split = in.splitAt(j + 1 == CAPACITY ? CAPACITY : CAPACITY / 2);
        if (in.n < CAPACITY && j + 1 <= in.n) {
            in.insertAt(j + 1, right, moved);
        } else {
            split.insertAt(j + 1 - in.n, right, moved);
        }
        return split;
    }

    private Leaf insert(Leaf l, int i, double score, byte[] member) {
        if (l.n < CAPACITY) {
            l.insertAt(i, score, member);
            return null;
        }
        // full: split in half, or start a new leaf when appending past the last key (sequential loads stay dense)
        Leaf split = l.splitAt(i == CAPACITY && l == tail ? CAPACITY : CAPACITY / 2);
        if (l.n < CAPACITY && i <= l.n) {
            l.insertAt(i, score, member);
        } else {
            split.insertAt(i - l.n, score, member);
        }
        split.prev = l;
        split.next = l.next;
        if (l.next == null) {
            tail = split;
        } else {
            l.next.prev = split;
        }
        l.next = split;
        return split;
    }

    private boolean remove(ScoreTreeNode x, double score, byte[] member) {
        if (x instanceof Leaf l) {
            int i = l.position(score, member, false);
            if (i == l.n || ScoreTreeNode.compare(l.scores[i], l.members[i], score, member) != 0) {
                return false;
            }
            l.removeAt(i);
            return true;
        }
        Inner in = (Inner) x;
        int j = in.child(score, member, true);
        if (!remove(in.kids[j], score, member)) {
            return false;
        }
        in.counts[j]--;
        if (in.kids[j].n < UNDERFULL) {
            mergeAround(in, j);
        }
        return true;
    }

    /** Merges underfull child {@code j} of {@code in} with its left or else right neighbour, when they fit in one. */
    private void mergeAround(Inner in, int j) {
        if (j > 0 && in.kids[j - 1].n + in.kids[j].n <= CAPACITY) {
            merge(in, j - 1);
        } else if (j + 1 < in.n && in.kids[j].n + in.kids[j + 1].n <= CAPACITY) {
            merge(in, j);
        }
    }

    /** Moves child {@code j + 1} of {@code in} into child {@code j} and drops it. */
    private void merge(Inner in, int j) {
        ScoreTreeNode left = in.kids[j];
        ScoreTreeNode right = in.kids[j + 1];
        if (left instanceof Leaf l) {
            Leaf r = (Leaf) right;
            l.absorb(r);
            l.next = r.next;
            if (r.next == null) {
                tail = l;
            } else {
                r.next.prev = l;
            }
        } else {
            ((Inner) left).absorb((Inner) right, in.sepScores[j + 1], in.sepMembers[j + 1]);
        }
        in.counts[j] += in.counts[j + 1];
        in.removeAt(j + 1);
    }

    private Cursor seek(int rank) {
        ScoreTreeNode x = root;
        while (x instanceof Inner in) {
            int j = 0;
            while (rank >= in.counts[j]) {
                rank -= in.counts[j];
                j++;
            }
            x = in.kids[j];
        }
        return new Cursor((Leaf) x, rank);
    }

    private record Cursor(Leaf leaf, int index) {
    }

    /** A walk along the leaf chain, skipping leaves left empty. */
    private static final class Walk implements Iterator<Member> {

        private final boolean descending;
        private Leaf leaf;
        private int index;

        Walk(Cursor start, boolean descending) {
            this.descending = descending;
            if (start != null) {
                leaf = start.leaf;
                index = start.index;
            }
        }

        @Override
        public boolean hasNext() {
            if (descending) {
                while (leaf != null && index < 0) {
                    leaf = leaf.prev;
                    index = leaf == null ? 0 : leaf.n - 1;
                }
            } else {
                while (leaf != null && index >= leaf.n) {
                    leaf = leaf.next;
                    index = 0;
                }
            }
            return leaf != null;
        }

        @Override
        public Member next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Member m = new Member(leaf.members[index], leaf.scores[index]);
            index += descending ? -1 : 1;
            return m;
        }
    }
}
