package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class CounterCommandsTest {

    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";

    private final Harness r = new Harness();

    @Test
    void incrAndDecrStartFromZero() {
        assertThat(r.call("INCR", "n")).isEqualTo(1L);
        assertThat(r.call("INCRBY", "n", "41")).isEqualTo(42L);
        assertThat(r.call("DECR", "n")).isEqualTo(41L);
        assertThat(r.call("DECRBY", "m", "5")).isEqualTo(-5L);
        assertThat(r.call("GET", "n")).isEqualTo("41");
    }

    @Test
    void incrKeepsTheTtl() {
        r.call("SET", "n", "1", "EX", "100");
        r.call("INCR", "n");
        assertThat(r.call("TTL", "n")).isEqualTo(100L);
    }

    @Test
    void incrOnANonIntegerOrSpacedValueFails() {
        for (String v : new String[]{"abc", " 1", "1 ", "+1", "01", "-0", "", "1.5", "99999999999999999999"}) {
            r.call("SET", "n", v);
            assertThat(r.call("INCR", "n")).as("INCR on %s", v).isEqualTo(err(NOT_INTEGER));
        }
        assertThat(r.call("INCRBY", "n", "x")).isEqualTo(err(NOT_INTEGER));
        assertThat(r.call("INCRBY", "n", "9223372036854775808")).isEqualTo(err(NOT_INTEGER));
    }

    @Test
    void overflowIsRefusedAndLeavesTheValue() {
        r.call("SET", "n", "9223372036854775807");
        assertThat(r.call("INCR", "n")).isEqualTo(err("ERR increment or decrement would overflow"));
        assertThat(r.call("GET", "n")).isEqualTo("9223372036854775807");
        r.call("SET", "n", "-9223372036854775808");
        assertThat(r.call("DECR", "n")).isEqualTo(err("ERR increment or decrement would overflow"));
        assertThat(r.call("DECRBY", "n", "-9223372036854775808")).isEqualTo(err("ERR decrement would overflow"));
        r.call("SET", "n", "-5");
        assertThat(r.call("DECRBY", "n", "9223372036854775807"))
                .isEqualTo(err("ERR increment or decrement would overflow"));
    }

    @Test
    void incrOnAListIsWrongType() {
        r.call("RPUSH", "l", "a");
        assertThat(r.call("INCR", "l"))
                .isEqualTo(err("WRONGTYPE Operation against a key holding the wrong kind of value"));
    }

    @Test
    void incrbyfloatPrintsLikeRedis() {
        r.call("SET", "f", "10.5");
        assertThat(r.call("INCRBYFLOAT", "f", "0.1")).isEqualTo("10.6");
        r.call("SET", "f", "0.1");
        assertThat(r.call("INCRBYFLOAT", "f", "0.2")).isEqualTo("0.3");
        r.call("SET", "f", "5.0e3");
        assertThat(r.call("INCRBYFLOAT", "f", "2.0e2")).isEqualTo("5200");
        assertThat(r.call("INCRBYFLOAT", "f", "-5200")).isEqualTo("0");
        assertThat(r.call("INCRBYFLOAT", "f", "0x10")).isEqualTo("16");
        assertThat(r.call("GET", "f")).isEqualTo("16");
        assertThat(r.call("INCRBYFLOAT", "new", "1.5")).isEqualTo("1.5");
    }

    @Test
    void incrbyfloatLosesPrecisionExactlyLikeLongDouble() {
        r.call("SET", "f", "1e20");
        assertThat(r.call("INCRBYFLOAT", "f", "1")).isEqualTo("100000000000000000000");
        // digits as printed by redis-server 7.0 on x86-64 for the same inputs
        r.call("SET", "f", "971e11");
        assertThat(r.call("INCRBYFLOAT", "f", "600e22")).isEqualTo("6000000000097099999870976");
    }

    @Test
    void incrbyfloatRejectsBadNumbersAndInfinity() {
        r.call("SET", "f", "1");
        for (String bad : new String[]{"abc", "nan", " 1", "1e", "", "0x"}) {
            assertThat(r.call("INCRBYFLOAT", "f", bad)).as("increment %s", bad)
                    .isEqualTo(err("ERR value is not a valid float"));
        }
        assertThat(r.call("INCRBYFLOAT", "f", "inf")).isEqualTo(err("ERR increment would produce NaN or Infinity"));
        r.call("SET", "s", "hello");
        assertThat(r.call("INCRBYFLOAT", "s", "1")).isEqualTo(err("ERR value is not a valid float"));
        assertThat(r.call("GET", "f")).isEqualTo("1");
    }
}
