package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.Capability;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class MultiPopCommandsTest {

    private final Harness r = new Harness();
    private final KeyspaceCommandExecutor blocking = r.executor.withCapabilities(Capability.BLOCKING);

    private Object blocking(String... args) {
        var request = Harness.request(args);
        try {
            return Harness.toValue(blocking.execute(0, request).toCompletableFuture().join());
        } finally {
            request.release();
        }
    }

    @Test
    void lmpopPopsFromTheFirstNonEmptyListUpToCount() {
        r.call("RPUSH", "b", "1", "2", "3");
        assertThat(r.call("LMPOP", "2", "a", "b", "LEFT")).isEqualTo(List.of("b", List.of("1")));
        assertThat(r.call("LMPOP", "2", "a", "b", "right", "count", "5")).isEqualTo(List.of("b", List.of("3", "2")));
        assertThat(r.call("EXISTS", "b")).isEqualTo(0L);
        assertThat(r.call("LMPOP", "2", "a", "b", "LEFT")).isNull();
    }

    @Test
    void zmpopAnswersMemberScorePairs() {
        r.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertThat(r.call("ZMPOP", "1", "z", "MAX", "COUNT", "2"))
                .isEqualTo(List.of("z", List.of(List.of("c", "3"), List.of("b", "2"))));
        assertThat(r.call("ZMPOP", "2", "none", "z", "MIN")).isEqualTo(List.of("z", List.of(List.of("a", "1"))));
        assertThat(r.call("ZMPOP", "1", "z", "MIN")).isNull();
    }

    @Test
    void argumentErrorsAreRedisTexts() {
        assertThat(r.call("LMPOP", "0", "l", "LEFT")).isEqualTo(err("ERR numkeys should be greater than 0"));
        assertThat(r.call("LMPOP", "x", "l", "LEFT")).isEqualTo(err("ERR numkeys should be greater than 0"));
        assertThat(r.call("LMPOP", "3", "l", "LEFT")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("LMPOP", "1", "l", "UP")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("ZMPOP", "1", "z", "LEFT")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("LMPOP", "1", "l", "LEFT", "COUNT", "0"))
                .isEqualTo(err("ERR count should be greater than 0"));
        assertThat(r.call("LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "1")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("LMPOP", "1", "l", "LEFT", "COUNT")).isEqualTo(err("ERR syntax error"));
        r.call("SET", "s", "v");
        assertThat(r.call("LMPOP", "2", "none", "s", "LEFT")).isEqualTo(err(CommandException.WRONG_TYPE));
        assertThat(r.call("ZMPOP", "1", "s", "MIN")).isEqualTo(err(CommandException.WRONG_TYPE));
    }

    @Test
    void blockingFormsCheckTheTimeoutAfterTheSyntaxAndAreRefusedWithoutBlocking() {
        assertThat(r.call("BLMPOP", "0", "1", "l", "LEFT")).isEqualTo(
                err("ERR command 'BLMPOP' is not supported by backend 'embedded' (no blocking operations)"));
        assertThat(blocking("BLMPOP", "-1", "1", "l", "LEFT")).isEqualTo(err("ERR timeout is negative"));
        assertThat(blocking("BLMPOP", "-1", "1", "l", "UP")).isEqualTo(err("ERR syntax error"));
        assertThat(blocking("BZMPOP", "x", "1", "z", "MIN")).isEqualTo(err("ERR timeout is not a float or out of range"));
        assertThat(blocking("BLMPOP", "0", "1", "l", "LEFT")).as("nothing yet: the target parks the client")
                .isNull();
        r.call("ZADD", "z", "5", "m");
        assertThat(blocking("BZMPOP", "0", "1", "z", "MIN")).isEqualTo(List.of("z", List.of(List.of("m", "5"))));
        assertThat(blocking.support("BZMPOP")).isEqualTo(CommandSupport.EMULATED);
    }
}
