package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.OK;
import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class StringCommandsTest {

    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final Harness r = new Harness();

    @Test
    void setThenGetReturnsTheValue() {
        assertThat(r.call("SET", "k", "v")).isEqualTo(OK);
        assertThat(r.call("get", "k")).isEqualTo("v");
        assertThat(r.call("GET", "missing")).isNull();
    }

    @Test
    void getOnAListIsWrongType() {
        r.call("RPUSH", "l", "a");
        assertThat(r.call("GET", "l")).isEqualTo(err(WRONGTYPE));
    }

    @Test
    void setNxAndXxDependOnExistence() {
        assertThat(r.call("SET", "k", "1", "XX")).isNull();
        assertThat(r.call("SET", "k", "1", "NX")).isEqualTo(OK);
        assertThat(r.call("SET", "k", "2", "NX")).isNull();
        assertThat(r.call("SET", "k", "3", "XX")).isEqualTo(OK);
        assertThat(r.call("GET", "k")).isEqualTo("3");
    }

    @Test
    void setRejectsConflictingOptionsAsSyntaxErrors() {
        for (List<String> options : List.of(List.of("NX", "XX"), List.of("EX", "10", "PX", "10"),
                List.of("KEEPTTL", "EX", "10"), List.of("EX", "10", "KEEPTTL"), List.of("foo"), List.of("EX"),
                List.of("PERSIST"))) {
            String[] args = concat(new String[]{"SET", "k", "v"}, options.toArray(new String[0]));
            assertThat(r.call(args)).as("SET k v %s", options).isEqualTo(err("ERR syntax error"));
        }
        assertThat(r.call("EXISTS", "k")).isEqualTo(0L);
    }

    @Test
    void setAllowsRepeatingTheSameOptionLastOneWins() {
        assertThat(r.call("SET", "k", "v", "EX", "100", "EX", "5")).isEqualTo(OK);
        assertThat(r.call("TTL", "k")).isEqualTo(5L);
    }

    @Test
    void setValidatesExpireTimes() {
        assertThat(r.call("SET", "k", "v", "EX", "0")).isEqualTo(err("ERR invalid expire time in 'set' command"));
        assertThat(r.call("SET", "k", "v", "PX", "-1")).isEqualTo(err("ERR invalid expire time in 'set' command"));
        assertThat(r.call("SET", "k", "v", "EX", "abc")).isEqualTo(err("ERR value is not an integer or out of range"));
        assertThat(r.call("SET", "k", "v", "EX", "9223372036854775807"))
                .isEqualTo(err("ERR invalid expire time in 'set' command"));
        // fits in ms, but overflows once the clock is added
        assertThat(r.call("SET", "k", "v", "EX", "9223372036854775"))
                .isEqualTo(err("ERR invalid expire time in 'set' command"));
        assertThat(r.call("SET", "k", "v", "PXAT", "9223372036854775807")).isEqualTo(OK);
    }

    @Test
    void setWithExpiryOptionsSetsTheRightDeadline() {
        long now = r.engine.now();
        r.call("SET", "a", "v", "EX", "10");
        r.call("SET", "b", "v", "PX", "1500");
        r.call("SET", "c", "v", "EXAT", Long.toString(now / 1000 + 100));
        r.call("SET", "d", "v", "PXAT", Long.toString(now + 2500));
        assertThat(r.call("PEXPIRETIME", "a")).isEqualTo(now + 10_000);
        assertThat(r.call("PEXPIRETIME", "b")).isEqualTo(now + 1500);
        assertThat(r.call("PEXPIRETIME", "c")).isEqualTo((now / 1000 + 100) * 1000);
        assertThat(r.call("PEXPIRETIME", "d")).isEqualTo(now + 2500);
    }

    @Test
    void setWithAnAbsoluteTimeInThePastLeavesNoKey() {
        assertThat(r.call("SET", "k", "v", "EXAT", "1")).isEqualTo(OK);
        assertThat(r.call("EXISTS", "k")).isEqualTo(0L);
    }

    @Test
    void plainSetClearsTtlButKeepTtlKeepsIt() {
        r.call("SET", "k", "v", "EX", "100");
        r.call("SET", "k", "w", "KEEPTTL");
        assertThat(r.call("TTL", "k")).isEqualTo(100L);
        r.call("SET", "k", "x");
        assertThat(r.call("TTL", "k")).isEqualTo(-1L);
    }

    @Test
    void setGetReturnsThePreviousValueEvenWhenNxAborts() {
        assertThat(r.call("SET", "k", "1", "GET")).isNull();
        assertThat(r.call("SET", "k", "2", "GET")).isEqualTo("1");
        assertThat(r.call("SET", "k", "3", "NX", "GET")).isEqualTo("2");
        assertThat(r.call("GET", "k")).isEqualTo("2");
    }

    @Test
    void setGetOnAListIsWrongTypeAndWritesNothing() {
        r.call("RPUSH", "l", "a");
        assertThat(r.call("SET", "l", "v", "GET")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("TYPE", "l")).isEqualTo(Harness.simple("list"));
    }

    @Test
    void setOverwritesAnyType() {
        r.call("RPUSH", "l", "a");
        assertThat(r.call("SET", "l", "v")).isEqualTo(OK);
        assertThat(r.call("GET", "l")).isEqualTo("v");
    }

    @Test
    void wrongArityUsesTheLowerCaseName() {
        assertThat(r.call("GET")).isEqualTo(err("ERR wrong number of arguments for 'get' command"));
        assertThat(r.call("SeT", "k")).isEqualTo(err("ERR wrong number of arguments for 'set' command"));
        assertThat(r.call("MSET", "a", "1", "b")).isEqualTo(err("ERR wrong number of arguments for 'mset' command"));
    }

    @Test
    void setnxSetexAndPsetex() {
        assertThat(r.call("SETNX", "k", "1")).isEqualTo(1L);
        assertThat(r.call("SETNX", "k", "2")).isEqualTo(0L);
        assertThat(r.call("SETEX", "k", "0", "v")).isEqualTo(err("ERR invalid expire time in 'setex' command"));
        assertThat(r.call("PSETEX", "k", "-1", "v")).isEqualTo(err("ERR invalid expire time in 'psetex' command"));
        assertThat(r.call("SETEX", "k", "abc", "v")).isEqualTo(err("ERR value is not an integer or out of range"));
        assertThat(r.call("SETEX", "k", "50", "v")).isEqualTo(OK);
        assertThat(r.call("TTL", "k")).isEqualTo(50L);
        assertThat(r.call("PSETEX", "k", "1200", "w")).isEqualTo(OK);
        assertThat(r.call("PTTL", "k")).isEqualTo(1200L);
    }

    @Test
    void mgetAnswersNilForMissingAndNonStringKeys() {
        r.call("MSET", "a", "1", "b", "2");
        r.call("RPUSH", "l", "x");
        assertThat(r.call("MGET", "a", "l", "nope", "b")).isEqualTo(Arrays.asList("1", null, null, "2"));
    }

    @Test
    void msetnxSetsAllOrNothing() {
        assertThat(r.call("MSETNX", "a", "1", "b", "2")).isEqualTo(1L);
        assertThat(r.call("MSETNX", "b", "9", "c", "3")).isEqualTo(0L);
        assertThat(r.call("EXISTS", "c")).isEqualTo(0L);
        assertThat(r.call("GET", "b")).isEqualTo("2");
    }

    @Test
    void getsetReturnsOldValueAndClearsTtl() {
        r.call("SET", "k", "old", "EX", "100");
        assertThat(r.call("GETSET", "k", "new")).isEqualTo("old");
        assertThat(r.call("TTL", "k")).isEqualTo(-1L);
        assertThat(r.call("GETSET", "fresh", "x")).isNull();
    }

    @Test
    void getdelReturnsAndDeletes() {
        r.call("SET", "k", "v");
        assertThat(r.call("GETDEL", "k")).isEqualTo("v");
        assertThat(r.call("GETDEL", "k")).isNull();
        r.call("RPUSH", "l", "a");
        assertThat(r.call("GETDEL", "l")).isEqualTo(err(WRONGTYPE));
    }

    @Test
    void getexChangesOrRemovesTheTtl() {
        r.call("SET", "k", "v");
        assertThat(r.call("GETEX", "k", "EX", "30")).isEqualTo("v");
        assertThat(r.call("TTL", "k")).isEqualTo(30L);
        assertThat(r.call("GETEX", "k", "PERSIST")).isEqualTo("v");
        assertThat(r.call("TTL", "k")).isEqualTo(-1L);
        assertThat(r.call("GETEX", "k", "PXAT", "1")).isEqualTo("v");
        assertThat(r.call("EXISTS", "k")).isEqualTo(0L);
    }

    @Test
    void getexChecksSyntaxFirstButTheNumberOnlyForAnExistingKey() {
        assertThat(r.call("GETEX", "nokey", "foo")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("GETEX", "nokey", "EX", "0")).isNull();
        assertThat(r.call("GETEX", "nokey", "EX", "abc")).isNull();
        r.call("SET", "k", "v");
        assertThat(r.call("GETEX", "k", "EX", "0")).isEqualTo(err("ERR invalid expire time in 'getex' command"));
        assertThat(r.call("GETEX", "k", "PERSIST", "EX", "10")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("GETEX", "k", "NX")).isEqualTo(err("ERR syntax error"));
    }

    @Test
    void appendCreatesOrExtendsAndKeepsTtl() {
        assertThat(r.call("APPEND", "k", "ab")).isEqualTo(2L);
        r.call("EXPIRE", "k", "100");
        assertThat(r.call("APPEND", "k", "cde")).isEqualTo(5L);
        assertThat(r.call("GET", "k")).isEqualTo("abcde");
        assertThat(r.call("TTL", "k")).isEqualTo(100L);
    }

    @Test
    void strlenCountsBytes() {
        r.call("SET", "k", "h\u00e9");
        assertThat(r.call("STRLEN", "k")).isEqualTo(3L);
        assertThat(r.call("STRLEN", "nokey")).isEqualTo(0L);
    }

    @Test
    void getrangeFollowsRedisIndexRules() {
        r.call("SET", "k", "Hello World");
        assertThat(r.call("GETRANGE", "k", "0", "4")).isEqualTo("Hello");
        assertThat(r.call("GETRANGE", "k", "-5", "-1")).isEqualTo("World");
        assertThat(r.call("GETRANGE", "k", "-100", "100")).isEqualTo("Hello World");
        assertThat(r.call("GETRANGE", "k", "5", "1")).isEqualTo("");
        assertThat(r.call("GETRANGE", "k", "-1", "-5")).isEqualTo("");
        assertThat(r.call("GETRANGE", "k", "0", "-100")).isEqualTo("H");
        assertThat(r.call("SUBSTR", "k", "6", "6")).isEqualTo("W");
        assertThat(r.call("GETRANGE", "nokey", "0", "-1")).isEqualTo("");
        assertThat(r.call("GETRANGE", "k", "a", "b")).isEqualTo(err("ERR value is not an integer or out of range"));
    }

    @Test
    void setrangePadsWithZeroBytesAndKeepsTtl() {
        assertThat(r.call("SETRANGE", "k", "3", "ab")).isEqualTo(5L);
        assertThat(r.call("GET", "k")).isEqualTo("\0\0\0ab");
        r.call("EXPIRE", "k", "100");
        assertThat(r.call("SETRANGE", "k", "1", "XYZW")).isEqualTo(5L);
        assertThat(r.call("GET", "k")).isEqualTo("\0XYZW");
        assertThat(r.call("TTL", "k")).isEqualTo(100L);
    }

    @Test
    void setrangeWithEmptyValueNeverCreatesTheKey() {
        assertThat(r.call("SETRANGE", "nokey", "5", "")).isEqualTo(0L);
        assertThat(r.call("EXISTS", "nokey")).isEqualTo(0L);
        r.call("SET", "k", "abc");
        assertThat(r.call("SETRANGE", "k", "536870911", "")).isEqualTo(3L);
    }

    @Test
    void setrangeRejectsNegativeOffsetsAndOversizedResults() {
        assertThat(r.call("SETRANGE", "k", "-1", "x")).isEqualTo(err("ERR offset is out of range"));
        assertThat(r.call("SETRANGE", "k", "536870912", "x"))
                .isEqualTo(err("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
        assertThat(r.call("EXISTS", "k")).isEqualTo(0L);
    }

    @Test
    void appendRefusesToGrowPastTheBulkLimit() {
        StringCommands.checkLength(Call.MAX_STRING_LENGTH - 1, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StringCommands.checkLength(Call.MAX_STRING_LENGTH, 1))
                .hasMessage("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    }

    @Test
    void setExRefusedByAnEngineWithoutExpiry() {
        Harness noExpiry = new Harness(new MapKeyspaceEngine(
                java.util.EnumSet.of(io.trustgate.redis.spi.Capability.STRINGS), 1));
        assertThat(noExpiry.call("SET", "k", "v")).isEqualTo(OK);
        assertThat(noExpiry.call("SET", "k", "v", "EX", "10"))
                .isEqualTo(err("ERR command 'SET' is not supported by backend 'embedded' (no key expiry)"));
        assertThat(noExpiry.call("SETEX", "k", "10", "v"))
                .isEqualTo(err("ERR command 'SETEX' is not supported by backend 'embedded' (no key expiry)"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
