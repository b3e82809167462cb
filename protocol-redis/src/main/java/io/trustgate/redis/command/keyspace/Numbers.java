package io.trustgate.redis.command.keyspace;

import java.nio.charset.StandardCharsets;

/** Redis's strict integer parsing and printing on byte strings (its {@code string2ll} and {@code ll2string}). */
final class Numbers {

    private Numbers() {
    }

    /**
     * Parses a signed 64-bit decimal exactly as Redis's {@code string2ll}: optional minus, no plus, no spaces, no
     * leading zeros, no "-0", within range.
     *
     * @throws CommandException "value is not an integer or out of range" otherwise
     */
    static long parseLong(byte[] s) {
        int len = s.length;
        if (len == 0 || len > 20) {
            throw CommandException.notInteger();
        }
        int i = 0;
        boolean negative = s[0] == '-';
        if (negative && ++i == len) {
            throw CommandException.notInteger();
        }
        if (s[i] == '0') {
            if (len == 1) {
                return 0;
            }
            throw CommandException.notInteger();
        }
        long value = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                throw CommandException.notInteger();
            }
            // accumulate negatively so that Long.MIN_VALUE parses
            if (value < (Long.MIN_VALUE + d) / 10) {
                throw CommandException.notInteger();
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw CommandException.notInteger();
            }
            value = -value;
        }
        return value;
    }

    /** Parses an int as Redis's {@code getIntFromObjectOrReply} (same error text as for longs). */
    static int parseInt(byte[] s) {
        long v = parseLong(s);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw CommandException.notInteger();
        }
        return (int) v;
    }

    static byte[] toBytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a SCAN cursor as Redis's {@code strtoul}-based parser: optional sign, decimal digits, no leading
     * space, at most 2^64-1 (a minus sign negates modulo 2^64; the empty string is cursor 0).
     *
     * @return the cursor as an unsigned 64-bit value
     * @throws CommandException "invalid cursor"
     */
    static long parseCursor(byte[] s) {
        if (s.length == 0) {
            return 0;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '+' || s[0] == '-') {
            negative = s[0] == '-';
            i = 1;
        }
        if (i == s.length) {
            throw new CommandException("ERR invalid cursor");
        }
        long value = 0;
        for (; i < s.length; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                throw new CommandException("ERR invalid cursor");
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                throw new CommandException("ERR invalid cursor");
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }
}
