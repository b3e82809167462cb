package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.Capability;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockingCommandsTest {

    private final Harness plain = new Harness();
    private final KeyspaceCommandExecutor blocking = plain.executor.withCapabilities(Capability.BLOCKING);

    private Object call(String... args) {
        var request = Harness.request(args);
        try {
            return Harness.toValue(blocking.execute(0, request).toCompletableFuture().join());
        } finally {
            request.release();
        }
    }

    @Test
    void refusedUnlessTheTargetAddsBlocking() {
        assertThat(plain.call("BLPOP", "l", "0")).isEqualTo(
                err("ERR command 'BLPOP' is not supported by backend 'embedded' (no blocking operations)"));
        assertThat(blocking.support("BLPOP")).isEqualTo(CommandSupport.EMULATED);
        assertThat(blocking.reason("BLPOP")).contains("parks the client");
    }

    @Test
    void servesTheFirstNonEmptyKeyInArgumentOrder() {
        plain.call("RPUSH", "b", "b1", "b2");
        plain.call("RPUSH", "c", "c1");
        assertThat(call("BLPOP", "a", "b", "c", "0")).isEqualTo(List.of("b", "b1"));
        assertThat(call("BRPOP", "a", "b", "c", "0")).isEqualTo(List.of("b", "b2"));
        assertThat(plain.call("EXISTS", "b")).as("an emptied list is deleted").isEqualTo(0L);
        assertThat(call("BRPOPLPUSH", "c", "d", "0")).isEqualTo("c1");
        assertThat(call("BLMOVE", "d", "e", "RIGHT", "LEFT", "1.5")).isEqualTo("c1");
        assertThat(call("BLMOVE", "d", "e", "UP", "LEFT", "0")).isEqualTo(err("ERR syntax error"));
    }

    @Test
    void answersNothingYetWhenEveryKeyIsEmpty() {
        assertThat(call("BLPOP", "a", "b", "0")).isNull();
        assertThat(call("BZPOPMIN", "z", "0")).isNull();
        assertThat(call("BLMOVE", "a", "b", "LEFT", "LEFT", "0")).isNull();
    }

    @Test
    void popsSortedSetMembersWithTheirScores() {
        plain.call("ZADD", "z", "1", "a", "2.5", "b");
        assertThat(call("BZPOPMAX", "none", "z", "0")).isEqualTo(List.of("z", "b", "2.5"));
        assertThat(call("BZPOPMIN", "z", "0")).isEqualTo(List.of("z", "a", "1"));
    }

    @Test
    void checksTimeoutsAndTypesAsRedis() {
        plain.call("SET", "s", "v");
        assertThat(call("BLPOP", "s", "-0.5")).isEqualTo(err("ERR timeout is negative"));
        assertThat(call("BLPOP", "s", "x")).isEqualTo(err("ERR timeout is not a float or out of range"));
        assertThat(call("BLPOP", "s", "0")).isEqualTo(
                err("WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertThat(call("BLPOP", "k")).isEqualTo(err("ERR wrong number of arguments for 'blpop' command"));
    }

    @Test
    void timeoutsAreDecimalSecondsRoundedUpToMillis() {
        assertThat(BlockingCommands.timeoutMillis("0".getBytes())).isZero();
        assertThat(BlockingCommands.timeoutMillis("0.3".getBytes())).isEqualTo(300);
        assertThat(BlockingCommands.timeoutMillis("1.0001".getBytes())).isEqualTo(1001);
        assertThat(BlockingCommands.timeoutMillis("2e1".getBytes())).isEqualTo(20_000);
        assertThatThrownBy(() -> BlockingCommands.timeoutMillis(" 1".getBytes()))
                .hasMessage("ERR timeout is not a float or out of range");
        assertThatThrownBy(() -> KeyspaceCommandExecutor.blockingTimeoutMillis("-1".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ERR timeout is negative");
    }

    @Test
    void insideExecTheyNeverWait() {
        var queued = List.of(Harness.request("BLPOP", "none", "0"), Harness.request("RPUSH", "l", "x"),
                Harness.request("BLPOP", "l", "0"));
        var replies = blocking.execAtomically(0, queued, null).toCompletableFuture().join();
        queued.forEach(io.trustgate.redis.codec.RespRequest::release);
        assertThat(replies.stream().map(Harness::toValue).toList())
                .containsExactly(null, 1L, List.of("l", "x"));
        assertThat(EnumSet.copyOf(plain.engine.capabilities())).doesNotContain(Capability.BLOCKING);
    }
}
