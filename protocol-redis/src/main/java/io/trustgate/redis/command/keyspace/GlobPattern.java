package io.trustgate.redis.command.keyspace;

/**
 * Redis's glob matcher ({@code stringmatchlen} in {@code util.c}) on bytes: {@code *}, {@code ?}, {@code [abc]},
 * {@code [^a]}, {@code [a-z]} (reversed ranges allowed), {@code \x} escapes, an unclosed {@code [} matching as Redis
 * does. Ported line by line, including the early exit that keeps {@code *a*a*a...b} linear per star, plus the
 * bound of 1000 nested stars that Redis 7.2 added (a deeper pattern matches nothing) so that no pattern can exhaust
 * the stack. Bytes compare signed, as C {@code char} does.
 */
final class GlobPattern {

    private static final int MAX_NESTING = 1000;

    private final byte[] pattern;

    private GlobPattern(byte[] pattern) {
        this.pattern = pattern;
    }

    static GlobPattern compile(byte[] pattern) {
        return new GlobPattern(pattern);
    }

    /**
     * True when {@code string} matches. A lone {@code *} matches everything, the empty key included: KEYS and SCAN
     * skip matching for it (the matcher proper needs at least one byte).
     */
    boolean matches(byte[] string) {
        if (pattern.length == 1 && pattern[0] == '*') {
            return true;
        }
        return match(0, string, 0, new boolean[1], 0);
    }

    /** The pattern byte at {@code i}, or 0 past the end (C's terminating NUL). */
    private int p(int i) {
        return i < pattern.length ? pattern[i] : 0;
    }

    private boolean match(int pi, byte[] s, int si, boolean[] skipLongerMatches, int nesting) {
        if (nesting > MAX_NESTING) {
            return false;
        }
        int plen = pattern.length - pi;
        int slen = s.length - si;
        while (plen > 0 && slen > 0) {
            switch (p(pi)) {
                case '*':
                    while (plen > 1 && p(pi + 1) == '*') {
                        pi++;
                        plen--;
                    }
                    if (plen == 1) {
                        return true;
                    }
                    while (slen > 0) {
                        if (match(pi + 1, s, si, skipLongerMatches, nesting + 1)) {
                            return true;
                        }
                        if (skipLongerMatches[0]) {
                            return false;
                        }
                        si++;
                        slen--;
                    }
                    skipLongerMatches[0] = true;
                    return false;
                case '?':
                    si++;
                    slen--;
                    break;
                case '[': {
                    pi++;
                    plen--;
                    boolean not = p(pi) == '^';
                    if (not) {
                        pi++;
                        plen--;
                    }
                    boolean match = false;
                    while (true) {
                        if (p(pi) == '\\' && plen >= 2) {
                            pi++;
                            plen--;
                            if (p(pi) == s[si]) {
                                match = true;
                            }
                        } else if (p(pi) == ']') {
                            break;
                        } else if (plen == 0) {
                            pi--;
                            plen++;
                            break;
                        } else if (plen >= 3 && p(pi + 1) == '-') {
                            int start = p(pi);
                            int end = p(pi + 2);
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            pi += 2;
                            plen -= 2;
                            if (s[si] >= start && s[si] <= end) {
                                match = true;
                            }
                        } else if (p(pi) == s[si]) {
                            match = true;
                        }
                        pi++;
                        plen--;
                    }
                    if (not) {
                        match = !match;
                    }
                    if (!match) {
                        return false;
                    }
                    si++;
                    slen--;
                    break;
                }
                case '\\':
                    if (plen >= 2) {
                        pi++;
                        plen--;
                    }
                    if (p(pi) != s[si]) {
                        return false;
                    }
                    si++;
                    slen--;
                    break;
                default:
                    if (p(pi) != s[si]) {
                        return false;
                    }
                    si++;
                    slen--;
                    break;
            }
            pi++;
            plen--;
            if (slen == 0) {
                while (p(pi) == '*') {
                    pi++;
                    plen--;
                }
                break;
            }
        }
        return plen == 0 && slen == 0;
    }
}
