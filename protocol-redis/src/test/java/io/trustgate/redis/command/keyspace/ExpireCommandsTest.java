package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class ExpireCommandsTest {

    private final Harness r = new Harness();

    @Test
    void keysDisappearOnceTheirTimeHasPassed() {
        r.call("SET", "k", "v", "PX", "100");
        r.engine.advance(100);
        assertThat(r.call("GET", "k")).isEqualTo("v");
        r.engine.advance(1);
        assertThat(r.call("GET", "k")).isNull();
        assertThat(r.call("TTL", "k")).isEqualTo(-2L);
    }

    @Test
    void ttlRoundsToTheNearestSecond() {
        r.call("SET", "k", "v", "PX", "1499");
        assertThat(r.call("TTL", "k")).isEqualTo(1L);
        assertThat(r.call("PTTL", "k")).isEqualTo(1499L);
        r.call("SET", "k", "v", "PX", "1500");
        assertThat(r.call("TTL", "k")).isEqualTo(2L);
    }

    @Test
    void ttlOfMissingAndPersistentKeys() {
        r.call("SET", "k", "v");
        assertThat(r.call("TTL", "k")).isEqualTo(-1L);
        assertThat(r.call("PTTL", "nokey")).isEqualTo(-2L);
        assertThat(r.call("EXPIRETIME", "k")).isEqualTo(-1L);
        assertThat(r.call("PEXPIRETIME", "nokey")).isEqualTo(-2L);
    }

    @Test
    void expireVariantsSetTheSameDeadline() {
        long now = r.engine.now();
        r.call("MSET", "a", "1", "b", "1", "c", "1", "d", "1");
        assertThat(r.call("EXPIRE", "a", "10")).isEqualTo(1L);
        assertThat(r.call("PEXPIRE", "b", "10000")).isEqualTo(1L);
        assertThat(r.call("EXPIREAT", "c", Long.toString((now + 10_000) / 1000))).isEqualTo(1L);
        assertThat(r.call("PEXPIREAT", "d", Long.toString(now + 10_000))).isEqualTo(1L);
        assertThat(r.call("PEXPIRETIME", "a")).isEqualTo(now + 10_000);
        assertThat(r.call("PEXPIRETIME", "b")).isEqualTo(now + 10_000);
        assertThat(r.call("EXPIRETIME", "c")).isEqualTo((now + 10_000) / 1000);
        assertThat(r.call("PEXPIRETIME", "d")).isEqualTo(now + 10_000);
    }

    @Test
    void expireInThePastDeletesTheKey() {
        r.call("SET", "k", "v");
        assertThat(r.call("EXPIRE", "k", "-1")).isEqualTo(1L);
        assertThat(r.call("EXISTS", "k")).isEqualTo(0L);
        assertThat(r.call("EXPIRE", "k", "10")).isEqualTo(0L);
    }

    @Test
    void nxXxGtLtCompareWithTheCurrentExpiry() {
        r.call("SET", "k", "v");
        assertThat(r.call("EXPIRE", "k", "100", "XX")).isEqualTo(0L);
        assertThat(r.call("EXPIRE", "k", "100", "GT")).isEqualTo(0L);
        assertThat(r.call("EXPIRE", "k", "100", "LT")).isEqualTo(1L);
        assertThat(r.call("EXPIRE", "k", "200", "NX")).isEqualTo(0L);
        assertThat(r.call("EXPIRE", "k", "50", "GT")).isEqualTo(0L);
        assertThat(r.call("EXPIRE", "k", "150", "GT")).isEqualTo(1L);
        assertThat(r.call("EXPIRE", "k", "160", "LT")).isEqualTo(0L);
        assertThat(r.call("EXPIRE", "k", "10", "LT", "XX")).isEqualTo(1L);
        assertThat(r.call("TTL", "k")).isEqualTo(10L);
    }

    @Test
    void optionErrorsComeBeforeTheNumberAndTheKey() {
        assertThat(r.call("EXPIRE", "nokey", "10", "foo")).isEqualTo(err("ERR Unsupported option foo"));
        assertThat(r.call("EXPIRE", "nokey", "x", "NX", "XX"))
                .isEqualTo(err("ERR NX and XX, GT or LT options at the same time are not compatible"));
        assertThat(r.call("EXPIRE", "nokey", "10", "NX", "GT"))
                .isEqualTo(err("ERR NX and XX, GT or LT options at the same time are not compatible"));
        assertThat(r.call("EXPIRE", "nokey", "10", "GT", "LT"))
                .isEqualTo(err("ERR GT and LT options at the same time are not compatible"));
        assertThat(r.call("EXPIRE", "nokey", "abc")).isEqualTo(err("ERR value is not an integer or out of range"));
    }

    @Test
    void overflowingTimesAreInvalid() {
        r.call("SET", "k", "v");
        assertThat(r.call("EXPIRE", "k", "9223372036854775807"))
                .isEqualTo(err("ERR invalid expire time in 'expire' command"));
        assertThat(r.call("PEXPIRE", "k", "9223372036854775807"))
                .isEqualTo(err("ERR invalid expire time in 'pexpire' command"));
        assertThat(r.call("EXPIREAT", "k", "9223372036854775807"))
                .isEqualTo(err("ERR invalid expire time in 'expireat' command"));
        assertThat(r.call("PEXPIREAT", "k", "9223372036854775807")).isEqualTo(1L);
    }

    @Test
    void persistRemovesOnlyAnExistingExpiry() {
        r.call("SET", "k", "v", "EX", "10");
        assertThat(r.call("PERSIST", "k")).isEqualTo(1L);
        assertThat(r.call("PERSIST", "k")).isEqualTo(0L);
        assertThat(r.call("PERSIST", "nokey")).isEqualTo(0L);
        assertThat(r.call("TTL", "k")).isEqualTo(-1L);
    }

    @Test
    void settersAreRefusedWithoutExpiryButReadersStillAnswer() {
        Harness plain = new Harness(new MapKeyspaceEngine(
                java.util.EnumSet.of(io.trustgate.redis.spi.Capability.STRINGS), 16));
        plain.call("SET", "k", "v");
        assertThat(plain.call("EXPIRE", "k", "10"))
                .isEqualTo(err("ERR command 'EXPIRE' is not supported by backend 'embedded' (no key expiry)"));
        assertThat(plain.call("TTL", "k")).isEqualTo(-1L);
        assertThat(plain.executor.support("EXPIRE")).isEqualTo(CommandSupport.REFUSED);
        assertThat(plain.executor.support("TTL")).isEqualTo(CommandSupport.NATIVE);
    }
}
