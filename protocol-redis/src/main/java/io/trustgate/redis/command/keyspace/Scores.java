package io.trustgate.redis.command.keyspace;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sorted-set scores: parsing as Redis 7.0 does with C's {@code strtod} (strictly for scores and increments,
 * leniently inside range bounds) and printing as its {@code "%.17g"} replies.
 */
final class Scores {

    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    private Scores() {
    }

    /**
     * Redis's {@code getDoubleFromObject}: no leading space, whole input, no NaN, no overflow to infinity and no
     * underflow to zero. Returns null when the text is not such a float.
     */
    static Double parseStrict(byte[] s) {
        if (s.length == 0 || isSpace(s[0])) {
            return null;
        }
        return strtod(s, 0, true);
    }

    /** Parses a strict score or throws {@code message} (with its "ERR " prefix). */
    static double parseOrThrow(byte[] s, String message) {
        Double d = parseStrict(s);
        if (d == null) {
            throw new CommandException(message);
        }
        return d;
    }

    /**
     * A bound of a score range as {@code zslParseRange}: plain {@code strtod} from {@code offset}, leading space
     * and an empty string (0) accepted, overflow gives infinity; the whole rest must be consumed, never NaN.
     */
    static Double parseLenient(byte[] s, int offset) {
        int i = offset;
        while (i < s.length && isSpace(s[i])) {
            i++;
        }
        if (offset == s.length) {
            return 0.0;
        }
        return strtod(s, i, false);
    }

    private static final Pattern HEX = Pattern.compile("0x([0-9a-f]+\\.?[0-9a-f]*|\\.[0-9a-f]+)(p[+-]?[0-9]+)?");
    private static final Pattern HEX_NON_ZERO = Pattern.compile(".*[1-9a-f].*");

    /**
     * C's {@code strtod} over the whole of {@code s[from..]}: an optional sign, then "inf"/"infinity" (any case), a
     * decimal ({@code ([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?}) or a hex float. Decimals, what clients send
     * almost always, are scanned by hand (a ZADD parses one per member); hex floats go through a regex.
     */
    private static Double strtod(byte[] s, int from, boolean strict) {
        int i = from;
        int end = s.length;
        boolean negative = false;
        if (i < end && (s[i] == '-' || s[i] == '+')) {
            negative = s[i] == '-';
            i++;
        }
        int body = i;
        long mantissa = 0;
        int digits = 0;
        boolean nonZeroDigit = false;
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            nonZeroDigit |= s[i] != '0';
            mantissa = mantissa * 10 + (s[i] - '0');
            digits++;
            i++;
        }
        boolean plainInteger = true;
        if (i < end && s[i] == '.') {
            plainInteger = false;
            i++;
            int fraction = 0;
            while (i < end && s[i] >= '0' && s[i] <= '9') {
                nonZeroDigit |= s[i] != '0';
                fraction++;
                i++;
            }
            digits += fraction;
        }
        if (digits == 0) {
            return special(s, body, negative, strict);
        }
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            plainInteger = false;
            i++;
            if (i < end && (s[i] == '-' || s[i] == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && s[i] >= '0' && s[i] <= '9') {
                exponentDigits++;
                i++;
            }
            if (exponentDigits == 0) {
                return null;
            }
        }
        if (i != end) {
            return special(s, body, negative, strict);
        }
        double d;
        if (plainInteger && digits <= 18) {
            d = mantissa; // exact up to 2^53, correctly rounded beyond: what parseDouble gives
        } else {
            d = Double.parseDouble(new String(s, body, end - body, StandardCharsets.ISO_8859_1));
        }
        if (strict && (Double.isInfinite(d) || (d == 0 && nonZeroDigit))) {
            return null;
        }
        return negative ? -d : d;
    }

    /** The rest of strtod after a sign, when it is not a decimal: infinities and hex floats, else null. */
    private static Double special(byte[] s, int body, boolean negative, boolean strict) {
        String lower = new String(s, body, s.length - body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!HEX.matcher(lower).matches()) {
            return null;
        }
        String java = lower.contains("p") ? lower : lower + "p0";
        int p = lower.indexOf('p');
        boolean nonZeroDigit = HEX_NON_ZERO.matcher(p < 0 ? lower.substring(2) : lower.substring(2, p)).matches();
        double d = Double.parseDouble(java);
        if (strict && (Double.isInfinite(d) || (d == 0 && nonZeroDigit))) {
            return null;
        }
        return negative ? -d : d;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** C's {@code printf("%.17g")}, with "inf", "-inf" and "0" (also for -0) as Redis writes scores. */
    static String format(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return "0"; // Redis 7.0 answers a score of -0 as "0"
        }
        BigDecimal r = new BigDecimal(d).round(SEVENTEEN);
        int exponent = r.precision() - r.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            String digits = r.unscaledValue().abs().toString().replaceAll("0+$", "");
            StringBuilder out = new StringBuilder();
            if (d < 0) {
                out.append('-');
            }
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            return out.append(abs).toString();
        }
        return r.stripTrailingZeros().toPlainString();
    }

    static byte[] formatBytes(double d) {
        return format(d).getBytes(StandardCharsets.US_ASCII);
    }
}
