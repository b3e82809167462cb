package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.SortedSetRange;

import java.util.Arrays;

/**
 * Parses the bounds of a sorted-set range: by score ({@code zslParseRange}: "(" for exclusive, plain
 * {@code strtod} otherwise) and by member ({@code zslParseLexRange}: "[", "(", "-", "+"). The walk over a range
 * is {@link SortedSetRange#collect}; engines answer it through {@link io.trustgate.redis.spi.Keyspace}.
 */
final class ZRanges {

    static final String NOT_FLOAT = "ERR min or max is not a float";
    static final String NOT_LEX = "ERR min or max not valid string range item";

    private ZRanges() {
    }

    /** Redis's {@code zslParseRange}: "(" for an exclusive bound, plain {@code strtod} otherwise. */
    static SortedSetRange.ByScore score(byte[] min, byte[] max) {
        return new SortedSetRange.ByScore(bound(min), min.length > 0 && min[0] == '(', bound(max),
                max.length > 0 && max[0] == '(');
    }

    private static double bound(byte[] s) {
        Double d = Scores.parseLenient(s, s.length > 0 && s[0] == '(' ? 1 : 0);
        if (d == null) {
            throw new CommandException(NOT_FLOAT);
        }
        return d;
    }

    /** Redis's {@code zslParseLexRange}: "[" inclusive, "(" exclusive, "-" and "+" the ends. */
    static SortedSetRange.ByLex lex(byte[] min, byte[] max) {
        check(min);
        check(max);
        return new SortedSetRange.ByLex(item(min), min[0] == '(', isInf(min, '-'), item(max), max[0] == '(',
                isInf(max, '+'));
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
}
