package io.trustgate.redis.spi;

import io.trustgate.redis.spi.SortedSetValue.Member;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Which members of a sorted set a ZRANGEBYSCORE- or ZRANGEBYLEX-style range selects, as Redis 7.0 parses them
 * ({@code zslParseRange}, {@code zslParseLexRange}); {@link #aboveMin} and {@link #belowMax} bound it from each
 * side. A range is walked as Redis walks it ({@link #collect}): in (score, member) order, or the reverse, from the
 * first member past its start to the first member past its end. For a score range this is simply every member
 * within the bounds; for a lex range over members of different scores it is not, and engines must give the walk's
 * answer.
 */
public sealed interface SortedSetRange permits SortedSetRange.ByScore, SortedSetRange.ByLex {

    /** Whether {@code m} is at or above the min bound (strictly above when exclusive). */
    boolean aboveMin(Member m);

    /** Whether {@code m} is at or below the max bound (strictly below when exclusive). */
    boolean belowMax(Member m);

    /** Scores between {@code min} and {@code max}; either may be infinite, neither is NaN. */
    record ByScore(double min, boolean minExclusive, double max, boolean maxExclusive) implements SortedSetRange {

        @Override
        public boolean aboveMin(Member m) {
            return minExclusive ? m.score() > min : m.score() >= min;
        }

        @Override
        public boolean belowMax(Member m) {
            return maxExclusive ? m.score() < max : m.score() <= max;
        }
    }

    /**
     * Members between {@code min} and {@code max}, compared as unsigned bytes. A null bound is "-" or "+":
     * unbounded on its side when {@code minInf} (for min) or {@code maxInf} (for max) is set, else ("+" as a min,
     * "-" as a max) it selects nothing.
     */
    record ByLex(byte[] min, boolean minExclusive, boolean minInf, byte[] max, boolean maxExclusive, boolean maxInf)
            implements SortedSetRange {

        @Override
        public boolean aboveMin(Member m) {
            if (min == null) {
                return minInf;
            }
            int c = Arrays.compareUnsigned(m.member(), min);
            return minExclusive ? c > 0 : c >= 0;
        }

        @Override
        public boolean belowMax(Member m) {
            if (max == null) {
                return maxInf;
            }
            int c = Arrays.compareUnsigned(m.member(), max);
            return maxExclusive ? c < 0 : c <= 0;
        }
    }

    /**
     * Redis's walk: the members of {@code range} in order (descending when {@code reverse}), skipping
     * {@code offset} (a negative offset selects nothing) and taking at most {@code limit} (negative: all). The walk
     * starts at the first member past the range's start (its min, or its max in reverse) and stops at the first
     * member after that past its end; before walking, the range selects nothing unless the set's last member is
     * above its min and its first member below its max ({@code zslIsInRange}, {@code zzlIsInLexRange}).
     */
    static List<Member> collect(SortedSetValue z, SortedSetRange range, boolean reverse, long offset, long limit) {
        List<Member> out = new ArrayList<>();
        if (offset < 0 || (offset > 0 && offset >= z.size()) || z.size() == 0
                || !range.aboveMin(z.last()) || !range.belowMax(z.first())) {
            return out;
        }
        // where the order allows, start the walk at the first member past the start, found in O(log n)
        int[] bounds = bounds(z, range);
        int from = bounds == null ? 0 : reverse ? z.size() - bounds[1] : bounds[0];
        Iterator<Member> it = z.iterator(from, reverse);
        boolean started = false;
        while (it.hasNext() && limit != 0) {
            Member m = it.next();
            boolean pastStart = reverse ? range.belowMax(m) : range.aboveMin(m);
            boolean beforeEnd = reverse ? range.aboveMin(m) : range.belowMax(m);
            if (!started && !pastStart) {
                continue;
            }
            started = true;
            if (!beforeEnd) {
                break;
            }
            if (offset > 0) {
                offset--;
                continue;
            }
            out.add(m);
            limit--;
        }
        return out;
    }

    /** How many members {@link #collect} would select with no offset and no limit; O(log n) where it can. */
    static long count(SortedSetValue z, SortedSetRange range) {
        if (z.size() == 0) {
            return 0;
        }
        int[] bounds = bounds(z, range);
        return bounds == null ? collect(z, range, false, 0, -1).size() : Math.max(0, bounds[1] - bounds[0]);
    }

    /**
     * How many members are below the range's min bound and how many within its max bound, counted in the set's
     * order; null for a lex range over members of different scores, where the bounds do not follow that order
     * and only the walk gives the answer.
     */
    private static int[] bounds(SortedSetValue z, SortedSetRange range) {
        if (range instanceof ByScore s) {
            return new int[]{z.countBefore(s.min(), null, s.minExclusive()),
                    z.countBefore(s.max(), null, !s.maxExclusive())};
        }
        ByLex l = (ByLex) range;
        double score = z.first().score();
        if (score != z.last().score()) {
            return null;
        }
        int belowMin = l.min() == null ? (l.minInf() ? 0 : z.size()) : z.countBefore(score, l.min(), l.minExclusive());
        int withinMax = l.max() == null ? (l.maxInf() ? z.size() : 0)
                : z.countBefore(score, l.max(), !l.maxExclusive());
        return new int[]{belowMin, withinMax};
    }
}
