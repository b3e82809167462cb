package io.trustgate.redis.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A Redis sorted set: members (byte strings) with a double score each, ordered by score, then by member bytes
 * compared unsigned (Redis's order; equal scores sort lexicographically). Scores are never NaN. Mutable like
 * {@link ListValue}: changed in place inside one unit of work, then stored back with {@link Keyspace#put}.
 * An empty sorted set is never stored: Redis deletes the key.
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

    /** Each member's entry in {@link #ordered}, so a score change finds the entry to remove without boxing. */
    private final HashMap<Bytes, Member> scores;
    private final TreeSet<Member> ordered;
    private ChangeJournal journal;

    public SortedSetValue() {
        this(new HashMap<>(), new TreeSet<>());
    }

    private SortedSetValue(HashMap<Bytes, Member> scores, TreeSet<Member> ordered) {
        this.scores = scores;
        this.ordered = ordered;
    }

    public int size() {
        return scores.size();
    }

    /** The score of {@code member}, or null. */
    public Double score(byte[] member) {
        Member m = scores.get(new Bytes(member));
        return m == null ? null : m.score;
    }

    /** Adds {@code member} or changes its score; returns true when the member is new. */
    public boolean put(byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("NaN score");
        }
        Bytes key = new Bytes(member);
        Member added = new Member(member, score);
        Member old = scores.put(key, added);
        if (old != null && old.score == score) {
            // Redis's zsetAdd changes nothing when the score is equal (-0 and 0 included): the member keeps its
            // place and its stored score, and there is nothing to log
            scores.put(key, old);
            return false;
        }
        if (old != null) {
            ordered.remove(old);
        }
        ordered.add(added);
        if (journal != null) {
            journal.sortedSetMemberSet(member, score);
        }
        return old == null;
    }

    /** Removes {@code member}; returns false when it was not there. */
    public boolean remove(byte[] member) {
        Member old = scores.remove(new Bytes(member));
        if (old == null) {
            return false;
        }
        ordered.remove(old);
        if (journal != null) {
            journal.sortedSetMemberRemoved(member);
        }
        return true;
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

    /** The members in order, as a read-only view valid until the next change (use its sub-set views for ranges). */
    public NavigableSet<Member> members() {
        return Collections.unmodifiableNavigableSet(ordered);
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    @Override
    public SortedSetValue copy() {
        return new SortedSetValue(new HashMap<>(scores), new TreeSet<>(ordered));
    }

    @Override
    public String toString() {
        return "SortedSetValue[" + scores.size() + " members]";
    }
}
