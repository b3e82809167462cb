package io.trustgate.redis.spi;

import java.util.Arrays;

/**
 * A node of {@link ScoreTree}: a {@link Leaf} holds up to {@link #CAPACITY} (score, member) entries in order, in two
 * parallel arrays; an {@link Inner} node holds up to {@link #CAPACITY} children with the number of entries under each
 * and a separator key per child. Separators are lower bounds, not exact minima: every key under child {@code j} is at
 * least separator {@code j} and below separator {@code j + 1} (separator 0 is not consulted), which removals keep
 * true without touching them.
 */
abstract sealed class ScoreTreeNode permits ScoreTreeNode.Leaf, ScoreTreeNode.Inner {

    static final int CAPACITY = 64;

    /** Entries (leaf) or children (inner) in use. */
    int n;

    /** The key this node's parent uses as its separator: a lower bound of every key under it. */
    abstract double lowScore();

    abstract byte[] lowMember();

    /** Entries under this node. */
    abstract int count();

    /**
     * Redis's order: score, then member bytes compared unsigned; -0.0 equals 0.0. A null member on either side makes
     * the comparison on score alone (a probe equal to every member of its score).
     */
    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        if (s1 < s2) {
            return -1;
        }
        if (s1 > s2) {
            return 1;
        }
        return m1 == null || m2 == null ? 0 : Arrays.compareUnsigned(m1, m2);
    }

    /** Whether key (s, m) comes before the probe (ps, pm), or is equal to it when {@code orEqual}. */
    static boolean before(double s, byte[] m, double ps, byte[] pm, boolean orEqual) {
        int c = compare(s, m, ps, pm);
        return orEqual ? c <= 0 : c < 0;
    }

    static final class Leaf extends ScoreTreeNode {

        final double[] scores = new double[CAPACITY];
        final byte[][] members = new byte[CAPACITY][];
        Leaf prev;
        Leaf next;

        @Override
        double lowScore() {
            return scores[0];
        }

        @Override
        byte[] lowMember() {
            return members[0];
        }

        @Override
        int count() {
            return n;
        }

        /** How many entries come before the probe (or equal it, with {@code orEqual}). */
        int position(double ps, byte[] pm, boolean orEqual) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (before(scores[mid], members[mid], ps, pm, orEqual)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Inserts at {@code i}; the leaf is not full. */
        void insertAt(int i, double score, byte[] member) {
            System.arraycopy(scores, i, scores, i + 1, n - i);
            System.arraycopy(members, i, members, i + 1, n - i);
            scores[i] = score;
            members[i] = member;
            n++;
        }

        void removeAt(int i) {
            System.arraycopy(scores, i + 1, scores, i, n - i - 1);
            System.arraycopy(members, i + 1, members, i, n - i - 1);
            members[--n] = null;
        }

        /** Moves the entries from {@code from} on to a new leaf. */
        Leaf splitAt(int from) {
            Leaf r = new Leaf();
            r.n = n - from;
            System.arraycopy(scores, from, r.scores, 0, r.n);
            System.arraycopy(members, from, r.members, 0, r.n);
            Arrays.fill(members, from, n, null);
            n = from;
            return r;
        }

        /** Appends all of {@code right}'s entries (they all sort after this leaf's). */
        void absorb(Leaf right) {
            System.arraycopy(right.scores, 0, scores, n, right.n);
            System.arraycopy(right.members, 0, members, n, right.n);
            n += right.n;
        }
    }

    static final class Inner extends ScoreTreeNode {

        final ScoreTreeNode[] kids = new ScoreTreeNode[CAPACITY];
        final int[] counts = new int[CAPACITY];
        final double[] sepScores = new double[CAPACITY];
        final byte[][] sepMembers = new byte[CAPACITY][];

        @Override
        double lowScore() {
            return sepScores[0];
        }

        @Override
        byte[] lowMember() {
            return sepMembers[0];
        }

        @Override
        int count() {
            int c = 0;
            for (int i = 0; i < n; i++) {
                c += counts[i];
            }
            return c;
        }

        /**
         * The child whose keys may come before the probe (or equal it, with {@code orEqual}) and after it: the last
         * child whose separator does, or child 0. Every key under an earlier child comes before the probe, every key
         * under a later one does not.
         */
        int child(double ps, byte[] pm, boolean orEqual) {
            int lo = 1;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (before(sepScores[mid], sepMembers[mid], ps, pm, orEqual)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo - 1;
        }

        /** Inserts {@code kid}, holding {@code count} entries, at {@code i}; the node is not full. */
        void insertAt(int i, ScoreTreeNode kid, int count) {
            System.arraycopy(kids, i, kids, i + 1, n - i);
            System.arraycopy(counts, i, counts, i + 1, n - i);
            System.arraycopy(sepScores, i, sepScores, i + 1, n - i);
            System.arraycopy(sepMembers, i, sepMembers, i + 1, n - i);
            kids[i] = kid;
            counts[i] = count;
            sepScores[i] = kid.lowScore();
            sepMembers[i] = kid.lowMember();
            n++;
        }

        void removeAt(int i) {
            System.arraycopy(kids, i + 1, kids, i, n - i - 1);
            System.arraycopy(counts, i + 1, counts, i, n - i - 1);
            System.arraycopy(sepScores, i + 1, sepScores, i, n - i - 1);
            System.arraycopy(sepMembers, i + 1, sepMembers, i, n - i - 1);
            n--;
            kids[n] = null;
            sepMembers[n] = null;
        }

        /** Moves the children from {@code from} on to a new node, whose low key is the first moved separator. */
        Inner splitAt(int from) {
            Inner r = new Inner();
            r.n = n - from;
            System.arraycopy(kids, from, r.kids, 0, r.n);
            System.arraycopy(counts, from, r.counts, 0, r.n);
            System.arraycopy(sepScores, from, r.sepScores, 0, r.n);
            System.arraycopy(sepMembers, from, r.sepMembers, 0, r.n);
            Arrays.fill(kids, from, n, null);
            Arrays.fill(sepMembers, from, n, null);
            n = from;
            return r;
        }

        /** Appends {@code right}'s children; {@code score}/{@code member} is the separator the parent had for it. */
        void absorb(Inner right, double score, byte[] member) {
            System.arraycopy(right.kids, 0, kids, n, right.n);
            System.arraycopy(right.counts, 0, counts, n, right.n);
            System.arraycopy(right.sepScores, 0, sepScores, n, right.n);
            System.arraycopy(right.sepMembers, 0, sepMembers, n, right.n);
            sepScores[n] = score;
            sepMembers[n] = member;
            n += right.n;
        }
    }
}
