package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongDoubleTest {

    private static LongDouble parse(String s) {
        return LongDouble.parse(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void parsesDecimalAndHexNotations() {
        assertThat(parse("1.5").value()).isEqualByComparingTo("1.5");
        assertThat(parse("-2.5e3").value()).isEqualByComparingTo("-2500");
        assertThat(parse(".5").value()).isEqualByComparingTo("0.5");
        assertThat(parse("5.").value()).isEqualByComparingTo("5");
        assertThat(parse("0x1.8p1").value()).isEqualByComparingTo("3");
        assertThat(parse("0X10").value()).isEqualByComparingTo("16");
        assertThat(parse("+7").value()).isEqualByComparingTo("7");
    }

    @Test
    void acceptsInfinityButNotNan() {
        assertThat(parse("inf").isInfinite()).isTrue();
        assertThat(parse("-Infinity").isInfinite()).isTrue();
        assertThatThrownBy(() -> parse("nan")).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> parse("infinit")).hasMessage("ERR value is not a valid float");
    }

    @Test
    void rejectsOverflowAndUnderflowToZero() {
        assertThatThrownBy(() -> parse("1e5000")).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> parse("1e-5000")).hasMessage("ERR value is not a valid float");
        assertThat(parse("1e400").isInfinite()).isFalse();
        assertThat(parse("0e99999").value().signum()).isZero();
    }

    @Test
    void roundsToA64BitMantissa() {
        BigDecimal twoTo64 = new BigDecimal(BigDecimal.valueOf(2).toBigInteger().pow(64));
        // above 2^64 the step is 2: 2^64 + 1 is a tie that goes to the even mantissa (2^64); 2^64 + 2 is exact
        assertThat(LongDouble.round(twoTo64.add(BigDecimal.ONE)).value()).isEqualByComparingTo(twoTo64);
        assertThat(LongDouble.round(twoTo64.add(BigDecimal.valueOf(2))).value())
                .isEqualByComparingTo(twoTo64.add(BigDecimal.valueOf(2)));
        // 2^64 + 3 is a tie between 2^64+2 and 2^64+4: ties go to the even mantissa, 2^64+4
        assertThat(LongDouble.round(twoTo64.add(BigDecimal.valueOf(3))).value())
                .isEqualByComparingTo(twoTo64.add(BigDecimal.valueOf(4)));
    }

    @Test
    void tenthIsNotExactButPrintsAsTyped() {
        LongDouble tenth = parse("0.1");
        assertThat(tenth.value()).isNotEqualByComparingTo("0.1");
        assertThat(tenth.toHumanString()).isEqualTo("0.1");
    }

    @Test
    void humanFormatDropsTrailingZerosAndNegativeZero() {
        assertThat(parse("3.25").toHumanString()).isEqualTo("3.25");
        assertThat(parse("-0.0").toHumanString()).isEqualTo("0");
        assertThat(parse("1e-18").toHumanString()).isEqualTo("0");
        assertThat(parse("-1e-18").toHumanString()).isEqualTo("0");
        assertThat(parse("1e17").toHumanString()).isEqualTo("100000000000000000");
    }
}
