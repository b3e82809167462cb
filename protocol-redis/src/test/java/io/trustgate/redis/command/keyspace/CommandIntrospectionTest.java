package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class CommandIntrospectionTest {

    private final Harness r = new Harness();

    @Test
    void countsEveryRedis70Command() {
        assertThat(r.call("COMMAND", "COUNT")).isEqualTo(240L);
        assertThat((List<Object>) r.call("COMMAND")).hasSize(240);
        assertThat((List<Object>) r.call("COMMAND", "LIST")).hasSize(240).contains("get", "zrangestore");
    }

    @Test
    void infoGivesArityFlagsAndKeyPositions() {
        List<Object> info = (List<Object>) r.call("COMMAND", "INFO", "get", "nosuch", "MSET");
        assertThat(info.get(0)).isEqualTo(List.of("get", 2L, List.of(new Harness.Simple("fast"),
                new Harness.Simple("readonly")), 1L, 1L, 1L, List.of(), List.of(), List.of(), List.of()));
        assertThat(info.get(1)).isNull();
        List<Object> mset = (List<Object>) info.get(2);
        assertThat(mset.subList(0, 2)).isEqualTo(List.of("mset", -3L));
        assertThat(mset.subList(3, 6)).isEqualTo(List.of(1L, -1L, 2L));
    }

    @Test
    void docsGiveSummarySinceAndGroup() {
        assertThat(r.call("COMMAND", "DOCS", "get", "nosuch")).isEqualTo(List.of("get", List.of("summary",
                "Get the value of a key", "since", "1.0.0", "group", "string")));
        assertThat(r.call("COMMAND", "DOCS", "nosuch")).isEqualTo(List.of());
    }

    @Test
    void listFiltersByPatternAndSubcommandErrorsAreRedisTexts() {
        assertThat((List<Object>) r.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "zrange*"))
                .containsExactlyInAnyOrder("zrange", "zrangebylex", "zrangebyscore", "zrangestore");
        assertThat(r.call("COMMAND", "LIST", "FILTERBY", "MODULE", "m")).isEqualTo(List.of());
        assertThat(r.call("COMMAND", "LIST", "FILTERBY", "PATTERN")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("COMMAND", "COUNT", "x"))
                .isEqualTo(err("ERR wrong number of arguments for 'command|count' command"));
        assertThat(r.call("COMMAND", "NOPE")).isEqualTo(err("ERR unknown subcommand 'NOPE'. Try COMMAND HELP."));
        assertThat(r.call("COMMAND", "GETKEYS", "GET", "k")).isEqualTo(err("ERR command 'COMMAND GETKEYS' is not "
                + "supported by backend 'embedded' (not implemented yet)"));
    }
}
