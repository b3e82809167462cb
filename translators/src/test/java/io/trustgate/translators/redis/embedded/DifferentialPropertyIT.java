package io.trustgate.translators.redis.embedded;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences over every data type, expiry and MULTI batches, run against the real Redis on 6379
 * and the embedded engine by {@link DifferentialRunner}; the replies must agree. Sequences draw from a handful of
 * keys and members so that types collide (WRONGTYPE), collections empty out (key deletion) and stores overwrite.
 * Only commands whose reply Redis fully specifies are generated, except the set and hash readers, compared as
 * multisets.
 */
class DifferentialPropertyIT {

    private static DifferentialRunner runner;

    /** Templates: %k a key, %m a member or field, %s a score, %i a small integer. */
    private static final List<String> COMMANDS = List.of(
            "SET %k %m", "GET %k", "DEL %k", "TYPE %k", "EXISTS %k %k", "EXPIRE %k 100", "TTL %k", "PERSIST %k",
            "COPY %k %k REPLACE", "RENAME %k %k",
            "HSET %k %m %i", "HSET %k %m %m %m %i", "HDEL %k %m", "HGET %k %m", "P HGETALL %k", "HLEN %k",
            "HINCRBY %k %m %i", "HINCRBYFLOAT %k %m %s", "HSETNX %k %m %i", "HEXISTS %k %m", "HSTRLEN %k %m",
            "U HKEYS %k", "HMGET %k %m %m",
            "SADD %k %m %m", "SREM %k %m", "U SMEMBERS %k", "SCARD %k", "SISMEMBER %k %m", "SMISMEMBER %k %m %m",
            "U SINTER %k %k", "U SUNION %k %k", "U SDIFF %k %k", "SINTERSTORE %k %k %k", "SUNIONSTORE %k %k %k",
            "SDIFFSTORE %k %k %k", "SMOVE %k %k %m", "SINTERCARD 2 %k %k",
            "ZADD %k %s %m", "ZADD %k %s %m %s %m", "ZADD %k GT CH %s %m", "ZADD %k XX INCR %s %m",
            "ZINCRBY %k %s %m", "ZREM %k %m", "ZSCORE %k %m", "ZRANGE %k %i %i WITHSCORES",
            "ZRANGE %k %s %s BYSCORE LIMIT %i %i", "ZRANGE %k %s %s BYSCORE REV WITHSCORES", "ZRANGEBYLEX %k - +",
            "ZCOUNT %k %s %s", "ZRANK %k %m", "ZREVRANK %k %m", "ZPOPMIN %k", "ZPOPMAX %k %i", "ZCARD %k",
            "ZUNIONSTORE %k 2 %k %k", "ZINTERSTORE %k 2 %k %k AGGREGATE MAX", "ZREMRANGEBYSCORE %k %s %s",
            "ZREMRANGEBYRANK %k %i %i", "ZMSCORE %k %m %m",
            "RPUSH %k %m %m", "LPUSH %k %m", "LPOP %k", "RPOP %k %i", "LRANGE %k 0 -1", "LREM %k %i %m",
            "LINSERT %k BEFORE %m %m", "LSET %k %i %m", "LTRIM %k %i %i", "LPOS %k %m", "LPOS %k %m COUNT 0",
            "LMOVE %k %k LEFT RIGHT", "RPOPLPUSH %k %k", "LLEN %k");

    private static final Pattern HOLE = Pattern.compile("%[kmsi]");

    @BeforeContainer
    static void connect() throws IOException {
        runner = new DifferentialRunner();
    }

    @AfterContainer
    static void close() throws IOException {
        if (runner != null) {
            runner.close();
        }
    }

    @Property(tries = 150)
    void randomSequencesAnswerLikeRedis(@ForAll("scripts") String script) throws IOException {
        assertThat(runner.run("prop", script)).as("replies that differ from Redis's for\n" + script).isEmpty();
    }

    @Provide
    Arbitrary<String> scripts() {
        Arbitrary<String> command = Arbitraries.of(COMMANDS).flatMap(DifferentialPropertyIT::fill);
        Arbitrary<String> batch = command.filter(c -> !c.startsWith("U ") && !c.startsWith("P "))
                .list().ofMinSize(1).ofMaxSize(4).map(cs -> "MULTI\n" + String.join("\n", cs) + "\nEXEC");
        return Arbitraries.frequencyOf(Tuple.of(9, command), Tuple.of(1, batch))
                .list().ofMinSize(5).ofMaxSize(40).map(lines -> String.join("\n", lines));
    }

    private static Arbitrary<String> fill(String template) {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(countHoles(template))
                .map(rolls -> substitute(template, rolls));
    }

    private static int countHoles(String template) {
        Matcher m = HOLE.matcher(template);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static final String[] KEYS = {"$a", "$b", "$c"};
    private static final String[] MEMBERS = {"x", "y", "z", "1", "10"};
    private static final String[] SCORES = {"1", "2", "-1", "0.5", "inf", "-inf", "1e3", "(1", "0"};
    private static final String[] INTS = {"-2", "-1", "0", "1", "2", "5"};

    private static String substitute(String template, List<Integer> rolls) {
        Matcher m = HOLE.matcher(template);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            int roll = rolls.get(i++);
            String[] pool = switch (m.group().charAt(1)) {
                case 'k' -> KEYS;
                case 'm' -> MEMBERS;
                case 's' -> SCORES;
                default -> INTS;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(pool[roll % pool.length]));
        }
        m.appendTail(out);
        return out.toString();
    }
}
