package io.trustgate.redis.codec.resp3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected digits are what Redis 7.0 answered to ZSCORE (RESP2 and RESP3 alike) for the same value. */
class DoubleRedisMessageTest {

    private static String text(double value) {
        return new DoubleRedisMessage(value).text();
    }

    @Test
    void printsSeventeenSignificantDigitsLikeRedis() {
        assertThat(text(0.1)).isEqualTo("0.10000000000000001");
        assertThat(text(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(text(1.5)).isEqualTo("1.5");
        assertThat(text(-1.5)).isEqualTo("-1.5");
        assertThat(text(1234567.125)).isEqualTo("1234567.125");
        assertThat(text(0.0001)).isEqualTo("0.0001");
    }

    @Test
    void printsIntegralValuesWithoutFraction() {
        assertThat(text(3)).isEqualTo("3");
        assertThat(text(100)).isEqualTo("100");
        assertThat(text(0)).isEqualTo("0");
        assertThat(text(-0.0)).isEqualTo("-0");
        assertThat(text(1e16)).isEqualTo("10000000000000000");
        assertThat(text(99999999999999984.0)).isEqualTo("99999999999999984");
    }

    @Test
    void switchesToExponentFormOutsideSeventeenDigits() {
        assertThat(text(1e17)).isEqualTo("1e+17");
        assertThat(text(1e20)).isEqualTo("1e+20");
        assertThat(text(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(text(1e308)).isEqualTo("1e+308");
        assertThat(text(0.00001)).isEqualTo("1.0000000000000001e-05");
        assertThat(text(2.5e-7)).isEqualTo("2.4999999999999999e-07");
        assertThat(text(-2.5e-7)).isEqualTo("-2.4999999999999999e-07");
        assertThat(text(Double.MIN_VALUE)).isEqualTo("4.9406564584124654e-324");
    }

    @Test
    void printsInfinitiesAndNanAsGlibc() {
        assertThat(text(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(text(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(text(Double.NaN)).isEqualTo("nan");
        assertThat(text(Double.longBitsToDouble(0xfff8000000000000L))).isEqualTo("-nan");
    }

    @Test
    void roundsCarryIntoNextDecade() {
        // 0.99999999999999999... rounds up to 1 at 17 digits and must print as "1", not "1.0000000000000000".
        assertThat(text(Math.nextDown(1.0))).isEqualTo("0.99999999999999989");
        assertThat(text(9.999999999999999e22)).isEqualTo("9.9999999999999992e+22");
        assertThat(text(1e23)).isEqualTo("9.9999999999999992e+22");
    }
}
