package io.trustgate.redis.spi;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A Redis sorted set: members (byte strings) with a double score each, ordered by score, then by member bytes
 * compared unsigned (Redis's order; equal scores sort lexicographically). Scores are never NaN. Mutable like
 * {@link ListValue}: changed in place inside one unit of work, then stored back with {@link Keyspace#put}.
 * An empty sorted set is never stored: Redis deletes the key.
 *
 * <p>Held as two structures over the same member arrays: a {@link MemberIndex} (open-addressing hash, member to
 * score) and a {@link ScoreTree} (B+-tree in (score, member) order with per-child counts), so lookups are O(1) and
 * rank, range and pop operations O(log n), and a member costs its own {@code byte[]} plus array slots, no objects.
 */
public final class SortedSetValue implements KeyspaceValue {

    /** One member and its score, ordered as the sorted set orders them. */
    public record Member(byte[] member, double score) implements Comparable<Member> {

        @Override
        public int compareTo(Member o) {
            // scores are never NaN, and -0.0 and 0.0 are the same score
            if (score < o.score) {
                return -1;
            }
            if (score > o.score) {
                return 1;
            }
            return Arrays.compareUnsigned(member, o.member);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Member && compareTo((Member) o) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(member);
        }
    }

    private final MemberIndex index;
    private final ScoreTree ordered;
    private ChangeJournal journal;

    public SortedSetValue() {
        this(new MemberIndex(), new ScoreTree());
    }

    private SortedSetValue(MemberIndex index, ScoreTree ordered) {
        this.index = index;
        this.ordered = ordered;
    }

    public int size() {
        return index.size();
    }

    /** The score of {@code member}, or null. */
    public Double score(byte[] member) {
        int slot = index.slot(member);
        return slot < 0 ? null : index.score(slot);
    }

    /** Adds {@code member} or changes its score; returns true when the member is new. */
    public boolean put(byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("NaN score");
        }
        int slot = index.slot(member);
        if (slot >= 0) {
            double old = index.score(slot);
            if (old == score) {
                // Redis's zsetAdd changes nothing when the score is equal (-0 and 0 included): the member keeps its
                // place and its stored score, and there is nothing to log
                return false;
            }
            byte[] stored = index.key(slot);
            ordered.remove(old, stored);
            ordered.insert(score, stored);
            index.setScore(slot, score);
        } else {
            index.add(~slot, member, score);
            ordered.insert(score, member);
        }
        if (journal != null) {
            journal.sortedSetMemberSet(member, score);
        }
        return slot < 0;
    }

    /** Removes {@code member}; returns false when it was not there. */
    public boolean remove(byte[] member) {
        int slot = index.slot(member);
        if (slot < 0) {
            return false;
        }
        ordered.remove(index.score(slot), index.key(slot));
        index.removeAt(slot);
        if (journal != null) {
            journal.sortedSetMemberRemoved(member);
        }
        return true;
    }

    /** The member with the lowest (score, member), or null when empty. */
    public Member first() {
        return size() == 0 ? null : ordered.at(0);
    }

    /** The member with the highest (score, member), or null when empty. */
    public Member last() {
        return size() == 0 ? null : ordered.at(size() - 1);
    }

    /** How many members come before {@code member} (its rank from the lowest, as ZRANK), or -1 when absent. */
    public int rank(byte[] member) {
        int slot = index.slot(member);
        return slot < 0 ? -1 : ordered.countBefore(index.score(slot), index.key(slot), false);
    }

    /** The member at {@code rank} from the lowest (0 ≤ rank < size). */
    public Member at(int rank) {
        if (rank < 0 || rank >= size()) {
            throw new IndexOutOfBoundsException(rank);
        }
        return ordered.at(rank);
    }

    /**
     * The members from rank {@code from} to {@code to} inclusive (ranks past the end are absent), ascending or, with
     * {@code reverse}, counting rank 0 from the highest; in O(log n) plus the members returned.
     */
    public List<Member> range(long from, long to, boolean reverse) {
        List<Member> out = new ArrayList<>();
        long last = Math.min(to, size() - 1L);
        if (from < 0 || from > last) {
            return out;
        }
        Iterator<Member> it = iterator((int) from, reverse);
        for (long r = from; r <= last; r++) {
            out.add(it.next());
        }
        return out;
    }

    /**
     * The members from rank {@code from} on (counted from the highest when {@code reverse}), in that direction;
     * valid until the next change. A rank out of range gives an empty walk.
     */
    public Iterator<Member> iterator(int from, boolean reverse) {
        return ordered.walk(reverse ? size() - 1 - from : from, reverse);
    }

    /**
     * How many members come before the probe (score, member) in the set's order, or equal it when
     * {@code orEqual}; a null member compares on score alone.
     */
    int countBefore(double score, byte[] member, boolean orEqual) {
        return ordered.countBefore(score, member, orEqual);
    }

    /**
     * Makes {@code journal} hear every later change of this sorted set (null detaches). For engines that log changes;
     * a {@link #copy()} starts without one.
     */
    public void attachJournal(ChangeJournal journal) {
        this.journal = journal;
    }

    /** The journal attached by {@link #attachJournal}, or null. */
    public ChangeJournal journal() {
        return journal;
    }

    /**
     * The members in ascending order, as a read-only view valid until the next change: iterating it walks the
     * leaves, {@code get(rank)} takes O(log n).
     */
    public List<Member> members() {
        return new AbstractList<>() {
            @Override
            public Member get(int rank) {
                return at(rank);
            }

            @Override
            public int size() {
                return SortedSetValue.this.size();
            }

            @Override
            public Iterator<Member> iterator() {
                return SortedSetValue.this.iterator(0, false);
            }
        };
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    @Override
    public SortedSetValue copy() {
        return new SortedSetValue(index.copy(), ordered.copy());
    }

    @Override
    public String toString() {
        return "SortedSetValue[" + size() + " members]";
    }
}
