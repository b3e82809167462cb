package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.SortedSetValue.Member;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;

/**
 * Ranges over a sorted set: by rank, by score ({@code zslParseRange}: "(" for exclusive, plain {@code strtod}
 * otherwise) and by member ({@code zslParseLexRange}: "[", "(", "-", "+"), and the walk that collects a range
 * forwards or in reverse with an offset and a limit, as Redis's {@code genericZrangeby*Command}.
 */
final class ZRanges {

    static final String NOT_FLOAT = "ERR min or max is not a float";
    static final String NOT_LEX = "ERR min or max not valid string range item";

    private ZRanges() {
    }

    /** Which members a range selects; {@link #aboveMin} and {@link #belowMax} bound it from each side. */
    interface Range {
        boolean aboveMin(Member m);

        boolean belowMax(Member m);
    }

    record ScoreRange(double min, boolean minEx, double max, boolean maxEx) implements Range {

        static ScoreRange parse(byte[] min, byte[] max) {
            return new ScoreRange(bound(min), min.length > 0 && min[0] == '(', bound(max), max.length > 0 && max[0] == '(');
        }

        private static double bound(byte[] s) {
            Double d = Scores.parseLenient(s, s.length > 0 && s[0] == '(' ? 1 : 0);
            if (d == null) {
                throw new CommandException(NOT_FLOAT);
            }
            return d;
        }

        @Override
        public boolean aboveMin(Member m) {
            return minEx ? m.score() > min : m.score() >= min;
        }

        @Override
        public boolean belowMax(Member m) {
            return maxEx ? m.score() < max : m.score() <= max;
        }
    }

    /** A lex range; a null bound with {@code inf} set is "-" (min) or "+" (max). */
    record LexRange(byte[] min, boolean minEx, boolean minInf, byte[] max, boolean maxEx, boolean maxInf)
            implements Range {

        static LexRange parse(byte[] min, byte[] max) {
            check(min);
            check(max);
            return new LexRange(item(min), min[0] == '(', isInf(min, '-'), item(max), max[0] == '(', isInf(max, '+'));
        }

        private static void check(byte[] s) {
            boolean ok = s.length > 0 && ((s.length == 1 && (s[0] == '+' || s[0] == '-')) || s[0] == '(' || s[0] == '[');
            if (!ok) {
                throw new CommandException(NOT_LEX);
            }
        }

        private static byte[] item(byte[] s) {
            return s[0] == '(' || s[0] == '[' ? Arrays.copyOfRange(s, 1, s.length) : null;
        }

        /** "-" as a min (or "+" as a max) is unbounded; the opposite sign selects nothing on that side. */
        private static boolean isInf(byte[] s, char unbounded) {
            return s.length == 1 && s[0] == unbounded;
        }

        @Override
        public boolean aboveMin(Member m) {
            if (min == null) {
                return minInf;
            }
            int c = Arrays.compareUnsigned(m.member(), min);
            return minEx ? c > 0 : c >= 0;
        }

        @Override
        public boolean belowMax(Member m) {
            if (max == null) {
                return maxInf;
            }
            int c = Arrays.compareUnsigned(m.member(), max);
            return maxEx ? c < 0 : c <= 0;
        }
    }

    /**
     * The members of {@code range} in order (descending when {@code reverse}), skipping {@code offset} (a negative
     * offset selects nothing) and taking at most {@code limit} (negative: all).
     */
    static List<Member> collect(SortedSetValue z, Range range, boolean reverse, long offset, long limit) {
        List<Member> out = new ArrayList<>();
        if (offset < 0 || (offset > 0 && offset >= z.size()) || !mayIntersect(z, range)) {
            return out;
        }
        NavigableSet<Member> all = reverse ? z.members().descendingSet() : z.members();
        Iterator<Member> it = all.iterator();
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

    /**
     * Redis's {@code zzlIsInLexRange}/{@code zslIsInRange} guard: a range selects nothing unless the set's last
     * member (in score order) is above its min and its first member below its max. With a consistent order this
     * only saves work; for a lex range over members of different scores, where Redis's answer depends on its walk
     * rather than on the members alone, it is what makes ours the same as a listpack-encoded set's.
     */
    private static boolean mayIntersect(SortedSetValue z, Range range) {
        NavigableSet<Member> all = z.members();
        return all.isEmpty() || (range.aboveMin(all.last()) && range.belowMax(all.first()));
    }

    /** Counts the members of a range. */
    static long count(SortedSetValue z, Range range) {
        return collect(z, range, false, 0, -1).size();
    }

    /** Ranks {@code start..end} (negative from the end) clamped as Redis does; empty when nothing is selected. */
    static List<Member> byRank(SortedSetValue z, long start, long end, boolean reverse) {
        long len = z.size();
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        start = Math.max(start, 0);
        List<Member> out = new ArrayList<>();
        if (start > end || start >= len) {
            return out;
        }
        end = Math.min(end, len - 1);
        Iterator<Member> it = (reverse ? z.members().descendingSet() : z.members()).iterator();
        for (long i = 0; i <= end; i++) {
            Member m = it.next();
            if (i >= start) {
                out.add(m);
            }
        }
        return out;
    }
}
