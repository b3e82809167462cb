package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A RESP3 double ({@code ,<digits>}). The digits are the ones Redis 7.0 prints for a double reply (ZSCORE,
 * ZINCRBY, WITHSCORES): C's {@code "%.17g"}, so {@code 0.1} is {@code 0.10000000000000001}, {@code 1e20} is
 * {@code 1e+20}, {@code 3} is {@code 3}, and infinities are {@code inf} and {@code -inf}. A RESP2 connection
 * gets a bulk string of the same digits, as from Redis.
 */
public final class DoubleRedisMessage implements RedisMessage {

    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);
    /** Integral values below this print as plain integers under {@code %.17g}, exactly as {@code long}s. */
    private static final double PLAIN_INTEGER_LIMIT = 1e15;

    private final double value;
    private final String text;

    public DoubleRedisMessage(double value) {
        this.value = value;
        this.text = format(value);
    }

    public double value() {
        return value;
    }

    /** The digits as they go on the wire (ASCII), without the type byte. */
    public String text() {
        return text;
    }

    /**
     * Formats {@code value} as C's {@code printf("%.17g")} does with glibc: 17 significant digits rounded half
     * to even from the exact binary value, trailing zeros dropped, exponent form below 1e-4 and from 1e17 up
     * with a signed exponent of at least two digits. NaN prints as glibc prints it ({@code nan}, or
     * {@code -nan} when the sign bit is set); Redis itself never stores one.
     */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return Double.doubleToRawLongBits(value) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < PLAIN_INTEGER_LIMIT) {
            if (value == 0 && Double.doubleToRawLongBits(value) < 0) {
                return "-0";
            }
            return Long.toString((long) value);
        }
        BigDecimal rounded = new BigDecimal(value).round(SEVENTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            return scientific(rounded, exponent);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    private static String scientific(BigDecimal rounded, int exponent) {
        String digits = stripZeros(rounded.unscaledValue().abs().toString());
        StringBuilder sb = new StringBuilder(24);
        if (rounded.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            sb.append('0');
        }
        return sb.append(magnitude).toString();
    }

    private static String stripZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    @Override
    public String toString() {
        return "DoubleRedisMessage[" + text + "]";
    }
}
