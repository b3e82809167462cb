package io.trustgate.translators.redis.differential;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LMPopArgs;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ZPopArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.command.CommandDetail;
import io.lettuce.core.models.command.CommandDetailParser;
import io.lettuce.core.protocol.ProtocolVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lettuce, unchanged, in RESP2 and RESP3, against the real Redis on 6379 and against each keyspace backend
 * through a gateway listener: the same calls must parse to the same values. Covers what depends on the reply
 * shape (WITHSCORES pairs, ZMPOP/LMPOP, HRANDFIELD WITHVALUES, HGETALL maps, doubles) and what Lettuce reads
 * when it introspects (COMMAND, COMMAND INFO, COMMAND COUNT, CONFIG GET, INFO, TIME).
 */
class LettuceDifferentialIT {

    static Stream<Arguments> lanes() {
        List<Arguments> out = new ArrayList<>();
        for (Backend b : Backend.values()) {
            out.add(Arguments.of(b, ProtocolVersion.RESP2));
            out.add(Arguments.of(b, ProtocolVersion.RESP3));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lanes")
    void sameCallsParseToTheSameValues(Backend backend, ProtocolVersion protocol) {
        String p = "lt:" + System.nanoTime() + ":";
        try (Backend.Gateway gateway = backend.open()) {
            Map<String, Object> expected = onServer(6379, protocol, r -> calls(r, p));
            Map<String, Object> actual = onServer(gateway.port, protocol, r -> calls(r, p));
            assertThat(actual).isEqualTo(expected);
            onServer(gateway.port, protocol, r -> {
                introspection(r);
                return null;
            });
        }
    }

    private static <T> T onServer(int port, ProtocolVersion protocol, Function<RedisCommands<String, String>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withDatabase(9).withTimeout(Duration.ofSeconds(15)).build());
        client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Calls whose parsed results must equal Redis's; deletes its keys at the end. */
    private static Map<String, Object> calls(RedisCommands<String, String> r, String p) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            r.zadd(p + "z", 1.5, "a", 2.0, "b", 3.0, "c", 4.0, "d");
            out.put("zrangeWithScores", r.zrangeWithScores(p + "z", 0, -1));
            out.put("zrevrangeWithScores", r.zrevrangeWithScores(p + "z", 0, 1));
            out.put("zrangebyscoreWithScores", r.zrangebyscoreWithScores(p + "z", Range.create(2, 3)));
            out.put("zscore", r.zscore(p + "z", "a"));
            out.put("zincrby", r.zincrby(p + "z", 0.25, "a"));
            out.put("zmscore", r.zmscore(p + "z", "a", "nope"));
            out.put("zrandmemberWithScores", r.zrandmemberWithScores(p + "z", 10).size());
            out.put("zpopmin", r.zpopmin(p + "z"));
            out.put("zpopmaxCount", r.zpopmax(p + "z", 1));
            out.put("zrangestore", r.zrangestore(p + "dst", p + "z", Range.create(0L, -1L)));
            out.put("zmpop", r.zmpop(ZPopArgs.Builder.min(), p + "none", p + "z"));
            out.put("zmpopCount", r.zmpop(5, ZPopArgs.Builder.max(), p + "dst"));
            out.put("zmpopEmpty", r.zmpop(ZPopArgs.Builder.min(), p + "none"));
            r.rpush(p + "l", "1", "2", "3");
            out.put("lmpop", r.lmpop(LMPopArgs.Builder.left(), p + "l"));
            out.put("lmpopCount", r.lmpop(LMPopArgs.Builder.right().count(5), p + "none", p + "l"));
            out.put("lmpopEmpty", r.lmpop(LMPopArgs.Builder.left(), p + "l"));
            out.put("blmpop", r.blmpop(0.01, LMPopArgs.Builder.left(), p + "none"));
            r.hset(p + "h", Map.of("f", "v", "g", "w"));
            out.put("hgetall", r.hgetall(p + "h"));
            out.put("hrandfieldWithvalues", r.hrandfieldWithvalues(p + "h", 5).stream().map(KeyValue::getKey)
                    .sorted().toList());
            r.sadd(p + "s", "x", "y");
            out.put("smembers", r.smembers(p + "s"));
            out.put("sismember", r.sismember(p + "s", "x"));
            out.put("incrbyfloat", r.incrbyfloat(p + "f", 1.5));
            out.put("hincrbyfloat", r.hincrbyfloat(p + "h", "n", 0.5));
            out.put("exists", r.exists(p + "h", p + "none"));
            out.put("expire", r.expire(p + "h", 100));
            out.put("ttl", r.ttl(p + "h"));
            out.put("getMissing", r.get(p + "none"));
            out.put("commandCount", r.commandCount());
            out.put("configGet", r.configGet("databases", "maxmemory-policy"));
            out.put("commandInfoGet", CommandDetailParser.parse(r.commandInfo("get")).get(0).getArity());
        } finally {
            r.del(p + "z", p + "dst", p + "l", p + "h", p + "s", p + "f");
        }
        return out;
    }

    /** What Lettuce parses of the server's self-description; values that are machine-specific are only parsed. */
    private static void introspection(RedisCommands<String, String> r) {
        List<CommandDetail> all = CommandDetailParser.parse(r.command());
        assertThat(all).hasSize(240);
        CommandDetail mset = all.stream().filter(d -> d.getName().equals("mset")).findFirst().orElseThrow();
        assertThat(mset.getArity()).isEqualTo(-3);
        assertThat(mset.getFirstKeyPosition()).isEqualTo(1);
        assertThat(mset.getLastKeyPosition()).isEqualTo(-1);
        assertThat(mset.getKeyStepCount()).isEqualTo(2);
        assertThat(mset.getFlags()).contains(CommandDetail.Flag.WRITE);
        assertThat(r.info("server")).contains("redis_version:").contains("redis_mode:standalone");
        assertThat(r.info()).contains("# Clients\r\nconnected_clients:");
        List<String> time = r.time();
        assertThat(Long.parseLong(time.get(0))).isPositive();
        assertThat(Long.parseLong(time.get(1))).isBetween(0L, 999_999L);
    }
}
