package io.trustgate.redis.command.keyspace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * An x87 80-bit {@code long double} (64-bit mantissa), the type Redis uses for INCRBYFLOAT on x86-64, held as
 * its exact decimal value. Parsing follows Redis's {@code string2ld} ({@code strtold} plus its checks), sums
 * round to nearest-even at 64 bits, and printing is Redis's human format ({@code "%.17Lf"} without trailing
 * zeros), so the digits a client sees are the ones real Redis would print. Subnormals are not modelled.
 */
final class LongDouble {

    static final LongDouble INFINITY = new LongDouble(null);

    private static final int MANTISSA_BITS = 64;
    /** Largest binary exponent of a finite value. */
    private static final int MAX_EXPONENT = 16383;
    /** Binary exponent of the smallest subnormal; anything smaller underflows to zero. */
    private static final int MIN_EXPONENT = -16445;
    /** Redis's MAX_LONG_DOUBLE_CHARS: longer inputs are rejected outright. */
    private static final int MAX_CHARS = 5 * 1024;
    private static final int EXPONENT_CAP = 1_000_000;

    private final BigDecimal value;

    private LongDouble(BigDecimal value) {
        this.value = value;
    }

    boolean isInfinite() {
        return value == null;
    }

    /** The exact finite value; only valid when not infinite. */
    BigDecimal value() {
        return value;
    }

    /**
     * Parses as {@code string2ld}: no leading space, the whole input consumed, decimal or hex ({@code 0x1.8p3})
     * notation, "inf"/"infinity" accepted, NaN and overflow or underflow to zero rejected.
     *
     * @throws CommandException "value is not a valid float"
     */
    static LongDouble parse(byte[] s) {
        if (s.length == 0 || s.length >= MAX_CHARS) {
            throw notFloat();
        }
        Cursor in = new Cursor(s);
        boolean negative = in.peek() == '-';
        if (in.peek() == '-' || in.peek() == '+') {
            in.pos++;
        }
        String rest = new String(s, in.pos, s.length - in.pos, StandardCharsets.ISO_8859_1);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return INFINITY;
        }
        boolean hex = in.peek() == '0' && (in.peek(1) == 'x' || in.peek(1) == 'X')
                && (isHex(in.peek(2)) || (in.peek(2) == '.' && isHex(in.peek(3))));
        LongDouble result = hex ? parseHex(in) : parseDecimal(in);
        if (in.pos != s.length) {
            throw notFloat();
        }
        return negative && !result.isInfinite() ? new LongDouble(result.value.negate()) : result;
    }

    private static LongDouble parseDecimal(Cursor in) {
        StringBuilder digits = new StringBuilder();
        int fraction = 0;
        while (isDigit(in.peek())) {
            digits.append((char) in.s[in.pos++]);
        }
        if (in.peek() == '.') {
            in.pos++;
            while (isDigit(in.peek())) {
                digits.append((char) in.s[in.pos++]);
                fraction++;
            }
        }
        if (digits.length() == 0) {
            throw notFloat();
        }
        long exponent = parseExponent(in, 'e', 'E');
        BigInteger mantissa = new BigInteger(digits.toString());
        if (mantissa.signum() == 0) {
            return new LongDouble(BigDecimal.ZERO);
        }
        long magnitude = mantissa.toString().length() - 1 + exponent - fraction;
        if (magnitude > 4933) {
            throw notFloat();
        }
        if (magnitude < -4953) {
            throw notFloat();
        }
        LongDouble rounded = round(new BigDecimal(mantissa, (int) (fraction - exponent)));
        if (rounded.isInfinite() || rounded.value.signum() == 0) {
            throw notFloat();
        }
        return rounded;
    }

    private static LongDouble parseHex(Cursor in) {
        in.pos += 2;
        BigInteger mantissa = BigInteger.ZERO;
        int fraction = 0;
        while (isHex(in.peek())) {
            mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(Character.digit(in.s[in.pos++], 16)));
        }
        if (in.peek() == '.') {
            in.pos++;
            while (isHex(in.peek())) {
                mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(Character.digit(in.s[in.pos++], 16)));
                fraction += 4;
            }
        }
        long exponent = parseExponent(in, 'p', 'P') - fraction;
        if (mantissa.signum() == 0) {
            return new LongDouble(BigDecimal.ZERO);
        }
        long magnitude = mantissa.bitLength() - 1 + exponent;
        if (magnitude > MAX_EXPONENT || magnitude < MIN_EXPONENT - 1) {
            throw notFloat();
        }
        BigInteger num = exponent >= 0 ? mantissa.shiftLeft((int) exponent) : mantissa;
        BigInteger den = exponent >= 0 ? BigInteger.ONE : BigInteger.ONE.shiftLeft((int) -exponent);
        LongDouble rounded = round(num, den, false);
        if (rounded.isInfinite()) {
            throw notFloat();
        }
        return rounded;
    }

    /** An optional exponent part ({@code e-12}); as strtold, a marker without digits is not consumed. */
    private static long parseExponent(Cursor in, char lower, char upper) {
        if (in.peek() != lower && in.peek() != upper) {
            return 0;
        }
        int start = in.pos;
        in.pos++;
        boolean negative = in.peek() == '-';
        if (in.peek() == '-' || in.peek() == '+') {
            in.pos++;
        }
        if (!isDigit(in.peek())) {
            in.pos = start;
            return 0;
        }
        long exponent = 0;
        while (isDigit(in.peek())) {
            exponent = Math.min(EXPONENT_CAP, exponent * 10 + (in.s[in.pos++] - '0'));
        }
        return negative ? -exponent : exponent;
    }

    /** Rounds an exact value to the nearest long double (ties to even); INFINITY past the largest finite one,
     *  zero below half the smallest subnormal. */
    static LongDouble round(BigDecimal exact) {
        if (exact.signum() == 0) {
            return new LongDouble(BigDecimal.ZERO);
        }
        BigInteger unscaled = exact.unscaledValue().abs();
        int scale = exact.scale();
        BigInteger num = scale <= 0 ? unscaled.multiply(BigInteger.TEN.pow(-scale)) : unscaled;
        BigInteger den = scale <= 0 ? BigInteger.ONE : BigInteger.TEN.pow(scale);
        return round(num, den, exact.signum() < 0);
    }

    private static LongDouble round(BigInteger num, BigInteger den, boolean negative) {
        int shift = MANTISSA_BITS - 1 - (num.bitLength() - den.bitLength());
        BigInteger[] qr = divide(num, den, shift);
        if (qr[0].bitLength() < MANTISSA_BITS) {
            shift++;
            qr = divide(num, den, shift);
        }
        BigInteger q = qr[0];
        BigInteger divisor = shift >= 0 ? den : den.shiftLeft(-shift);
        int half = qr[1].shiftLeft(1).compareTo(divisor);
        if (half > 0 || (half == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > MANTISSA_BITS) {
                q = q.shiftRight(1);
                shift--;
            }
        }
        int exponent = MANTISSA_BITS - 1 - shift;
        if (exponent > MAX_EXPONENT) {
            return INFINITY;
        }
        if (exponent < MIN_EXPONENT - 1) {
            return new LongDouble(BigDecimal.ZERO);
        }
        BigDecimal exact = shift > 0 ? new BigDecimal(q.multiply(BigInteger.valueOf(5).pow(shift)), shift)
                : new BigDecimal(q.shiftLeft(-shift));
        return new LongDouble(negative ? exact.negate() : exact);
    }

    /** {@code num * 2^shift / den} as quotient and remainder. */
    private static BigInteger[] divide(BigInteger num, BigInteger den, int shift) {
        return shift >= 0 ? num.shiftLeft(shift).divideAndRemainder(den)
                : num.divideAndRemainder(den.shiftLeft(-shift));
    }

    /** Redis's LD_STR_HUMAN: {@code "%.17Lf"}, then trailing zeros and a bare point removed, "-0" printed "0". */
    String toHumanString() {
        String text = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        text = text.substring(0, end);
        return text.equals("-0") ? "0" : text;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isHex(int b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static CommandException notFloat() {
        return new CommandException(CommandException.NOT_FLOAT);
    }

    /** A read position in the input; {@code peek} past the end returns -1. */
    private static final class Cursor {
        final byte[] s;
        int pos;

        Cursor(byte[] s) {
            this.s = s;
        }

        int peek() {
            return peek(0);
        }

        int peek(int ahead) {
            return pos + ahead < s.length ? s[pos + ahead] : -1;
        }
    }
}
