package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumbersTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void parsesTheWholeSigned64BitRange() {
        assertThat(Numbers.parseLong(b("0"))).isZero();
        assertThat(Numbers.parseLong(b("-42"))).isEqualTo(-42);
        assertThat(Numbers.parseLong(b("9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(Numbers.parseLong(b("-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void rejectsWhatString2llRejects() {
        for (String bad : new String[]{"", "-", "+1", " 1", "1 ", "01", "-0", "1.0", "9223372036854775808",
                "-9223372036854775809", "12345678901234567890123"}) {
            assertThatThrownBy(() -> Numbers.parseLong(b(bad))).as(bad)
                    .hasMessage("ERR value is not an integer or out of range");
        }
    }

    @Test
    void intsAreRangeChecked() {
        assertThat(Numbers.parseInt(b("2147483647"))).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Numbers.parseInt(b("2147483648")))
                .hasMessage("ERR value is not an integer or out of range");
    }

    @Test
    void cursorsAreUnsigned64BitWithStrtoulSigns() {
        assertThat(Numbers.parseCursor(b("18446744073709551615"))).isEqualTo(-1L);
        assertThat(Numbers.parseCursor(b("-1"))).isEqualTo(-1L);
        assertThat(Numbers.parseCursor(b("+7"))).isEqualTo(7L);
        assertThat(Numbers.parseCursor(b(""))).isZero();
        for (String bad : new String[]{"-", "x", "1x", "18446744073709551616", " 1"}) {
            assertThatThrownBy(() -> Numbers.parseCursor(b(bad))).as(bad).hasMessage("ERR invalid cursor");
        }
    }
}
