package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ScoresTest {

    private static Double strict(String s) {
        return Scores.parseStrict(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Double lenient(String s) {
        return Scores.parseLenient(s.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void strictParsingAcceptsWhatStrtodAcceptsWithoutRangeErrors() {
        assertThat(strict("1.5")).isEqualTo(1.5);
        assertThat(strict("-.5e1")).isEqualTo(-5.0);
        assertThat(strict("1.")).isEqualTo(1.0);
        assertThat(strict("+inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(strict("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(strict("0x10")).isEqualTo(16.0);
        assertThat(strict("0x1.8p1")).isEqualTo(3.0);
        assertThat(strict("0")).isEqualTo(0.0);
        for (String bad : new String[]{"", " 1", "1 ", "nan", "1e400", "1e-400", "1d", "1e", ".", "+", "0x"}) {
            assertThat(strict(bad)).as(bad).isNull();
        }
    }

    @Test
    void handScannedDecimalsMatchJavasParser() {
        String[] texts = {"12", "-12", "+7", "00012", "1E3", "1e+3", "2.5E-3", "123456789012345678",
                "1234567890123456789", "99999999999999999999999", "9007199254740993", "-0", "0.000", ".5", "5."};
        for (String t : texts) {
            assertThat(strict(t)).as(t).isEqualTo(Double.parseDouble(t));
        }
        for (String bad : new String[]{"1e+", "1.2.3", "--1", "+-1", "1_000", "0x1g", "1e5.0", "١"}) {
            assertThat(strict(bad)).as(bad).isNull();
        }
        assertThat(strict("INF")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(strict("0X1P-2")).isEqualTo(0.25);
        assertThat(strict("0.0e5")).isEqualTo(0.0);
    }

    @Test
    void lenientParsingIsPlainStrtod() {
        assertThat(lenient("")).isEqualTo(0.0);
        assertThat(lenient(" 2")).isEqualTo(2.0);
        assertThat(lenient("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(lenient("  ")).isNull();
        assertThat(lenient("nan")).isNull();
    }

    @Test
    void formatsAsPercent17g() {
        assertThat(Scores.format(0.1)).isEqualTo("0.10000000000000001");
        assertThat(Scores.format(1.5)).isEqualTo("1.5");
        assertThat(Scores.format(3)).isEqualTo("3");
        assertThat(Scores.format(1e20)).isEqualTo("1e+20");
        assertThat(Scores.format(1e-7)).isEqualTo("9.9999999999999995e-08");
        assertThat(Scores.format(-2.5e-300)).isEqualTo("-2.5e-300");
        assertThat(Scores.format(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(Scores.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Scores.format(-0.0)).isEqualTo("0");
        assertThat(Scores.format(0.0001)).isEqualTo("0.0001");
    }
}
