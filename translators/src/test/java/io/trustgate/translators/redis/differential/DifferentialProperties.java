package io.trustgate.translators.redis.differential;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences over every data type, expiry, MULTI/EXEC batches and WATCH with another client's
 * write in between, run against the real Redis on 6379 and one backend through a gateway listener by
 * {@link DifferentialRunner}, in RESP2 and in RESP3; the replies must agree. Sequences draw from a handful of
 * keys and members so that types collide (WRONGTYPE), collections empty out (key deletion) and stores overwrite.
 * Commands whose reply Redis draws at random are compared by shape, set and hash readers as multisets.
 * Subclasses pick the backend.
 *
 * <p>Each property runs {@link #TRIES} sequences; {@code -Ddifferential.tries=N} (a JVM or Maven property) runs N
 * instead, to shake out rare divergences locally while CI keeps the default.
 */
@AddLifecycleHook(DifferentialProperties.TriesFromSystemProperty.class)
abstract class DifferentialProperties {

    /** Tries per property; each backend runs both properties, so twice this many sequences. */
    static final int TRIES = 150;

    /** The system property that overrides {@link #TRIES}. */
    static final String TRIES_PROPERTY = "differential.tries";

    private static final Map<Backend, Backend.Gateway> GATEWAYS = new EnumMap<>(Backend.class);
    private static final Map<Backend, DifferentialRunner[]> RUNNERS = new EnumMap<>(Backend.class);

    /**
     * Templates: %k a key, %m a member or field (some differ only in case or trailing spaces, one is empty),
     * %s a score, %i a small integer, %b a large value (streamed through the SQL engines), %p the key prefix.
     */
    private static final List<String> COMMANDS = List.of(
            "SET %k %m", "GET %k", "DEL %k", "TYPE %k", "EXISTS %k %k", "EXPIRE %k 100", "T TTL %k", "PERSIST %k",
            "COPY %k %k REPLACE", "RENAME %k %k", "SET %k %i EX 100", "SET %k %m NX GET", "SET %k %m XX KEEPTTL",
            "GETEX %k PERSIST", "GETEX %k EX 50", "GETDEL %k", "EXPIRE %k 200 GT", "EXPIRE %k 50 LT",
            "EXPIRE %k 10 NX", "EXPIRE %k 10 XX", "INCRBY %k %i", "INCRBYFLOAT %k %s", "APPEND %k %m", "STRLEN %k",
            "SETRANGE %k %i %m", "GETRANGE %k %i %i", "MSETNX %k %m %k %m", "LPUSH %k",
            "HSET %k %m %i", "HSET %k %m %m %m %i", "HDEL %k %m", "HGET %k %m", "P HGETALL %k", "HLEN %k",
            "HINCRBY %k %m %i", "HINCRBYFLOAT %k %m %s", "HSETNX %k %m %i", "HEXISTS %k %m", "HSTRLEN %k %m",
            "U HKEYS %k", "HMGET %k %m %m", "R HRANDFIELD %k %i WITHVALUES",
            "SADD %k %m %m", "SREM %k %m", "U SMEMBERS %k", "SCARD %k", "SISMEMBER %k %m", "SMISMEMBER %k %m %m",
            "U SINTER %k %k", "U SUNION %k %k", "U SDIFF %k %k", "SINTERSTORE %k %k %k", "SUNIONSTORE %k %k %k",
            "SDIFFSTORE %k %k %k", "SMOVE %k %k %m", "SINTERCARD 2 %k %k", "R SPOP %k %i", "R SRANDMEMBER %k %i",
            "ZADD %k %s %m", "ZADD %k %s %m %s %m", "ZADD %k GT CH %s %m", "ZADD %k XX INCR %s %m",
            "ZINCRBY %k %s %m", "ZREM %k %m", "ZSCORE %k %m", "ZRANGE %k %i %i WITHSCORES",
            "ZRANGE %k %s %s BYSCORE LIMIT %i %i", "ZRANGE %k %s %s BYSCORE REV WITHSCORES", "ZRANGEBYLEX %k - +",
            "ZRANGEBYSCORE %k %s %s WITHSCORES", "ZREVRANGE %k %i %i WITHSCORES",
            "ZCOUNT %k %s %s", "ZRANK %k %m", "ZREVRANK %k %m", "ZPOPMIN %k", "ZPOPMAX %k %i", "ZCARD %k",
            "ZUNIONSTORE %k 2 %k %k", "ZINTERSTORE %k 2 %k %k AGGREGATE MAX", "ZREMRANGEBYSCORE %k %s %s",
            "ZREMRANGEBYRANK %k %i %i", "ZMSCORE %k %m %m", "R ZRANDMEMBER %k %i WITHSCORES",
            "ZRANGESTORE %k %k %i %i", "ZRANGESTORE %k %k %s %s BYSCORE REV LIMIT %i %i",
            "ZMPOP 2 %k %k MIN", "ZMPOP 1 %k MAX COUNT %i", "BZMPOP 0.01 2 %k %k MAX COUNT 2",
            "RPUSH %k %m %m", "LPUSH %k %m", "LPOP %k", "RPOP %k %i", "LRANGE %k 0 -1", "LREM %k %i %m",
            "LINSERT %k BEFORE %m %m", "LSET %k %i %m", "LTRIM %k %i %i", "LPOS %k %m", "LPOS %k %m COUNT 0",
            "LMOVE %k %k LEFT RIGHT", "RPOPLPUSH %k %k", "LLEN %k", "LMPOP 2 %k %k LEFT", "LMPOP 1 %k RIGHT COUNT %i",
            "BLMPOP 0.01 2 %k %k RIGHT COUNT 3",
            "LINDEX %k %i", "LPUSHX %k %m", "RPUSHX %k %m %m", "S1 SSCAN %k 0 COUNT 100", "S2 HSCAN %k 0 COUNT 100",
            "S2 ZSCAN %k 0 MATCH * COUNT 100", "ZLEXCOUNT %k - +", "ZRANGEBYLEX %k [%m +", "ZREVRANGEBYLEX %k + (%m",
            "ZREMRANGEBYLEX %k [%m [%m", "U KEYS %p*", "TOUCH %k %k", "UNLINK %k", "RENAMENX %k %k", "SETNX %k %m",
            "GETSET %k %m", "SET %k %b", "APPEND %k %b", "GETRANGE %k -5 -1", "OBJECT FREQ %k",
            "SINTERCARD 2 %k %k LIMIT 1", "ZINTERCARD 2 %k %k", "U ZUNION 2 %k %k", "ZDIFF 2 %k %k WITHSCORES",
            "HRANDFIELD %k 0", "SRANDMEMBER %k 0", "ZRANDMEMBER %k 0");

    /** Sets each property's tries to {@value #TRIES_PROPERTY} when that system property is given. */
    static final class TriesFromSystemProperty implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            String tries = System.getProperty(TRIES_PROPERTY);
            if (tries != null && !tries.isBlank()) {
                context.attributes().setTries(Integer.parseInt(tries.strip()));
            }
            return property.execute();
        }

        @Override
        public PropagationMode propagateTo() {
            return PropagationMode.ALL_DESCENDANTS; // from the abstract class to each backend's properties
        }
    }

    private static final Pattern HOLE = Pattern.compile("%[kmsibp]");

    abstract Backend backend();

    private DifferentialRunner runner(int protocol) throws IOException {
        Backend backend = backend();
        synchronized (GATEWAYS) {
            DifferentialRunner[] runners = RUNNERS.get(backend);
            if (runners == null) {
                Backend.Gateway gateway = backend.open();
                GATEWAYS.put(backend, gateway);
                runners = new DifferentialRunner[] {new DifferentialRunner(gateway, 2),
                        new DifferentialRunner(gateway, 3)};
                RUNNERS.put(backend, runners);
            }
            return runners[protocol - 2];
        }
    }

    @AfterContainer
    static void closeAll() throws IOException {
        synchronized (GATEWAYS) {
            for (DifferentialRunner[] runners : RUNNERS.values()) {
                for (DifferentialRunner r : runners) {
                    r.close();
                }
            }
            RUNNERS.clear();
            GATEWAYS.values().forEach(Backend.Gateway::close);
            GATEWAYS.clear();
        }
    }

    @Property(tries = TRIES)
    void randomSequencesAnswerLikeRedisInResp2(@ForAll("scripts") String script) throws IOException {
        assertThat(runner(2).run("prop", script)).as("replies that differ from Redis's for\n" + script).isEmpty();
    }

    @Property(tries = TRIES)
    void randomSequencesAnswerLikeRedisInResp3(@ForAll("scripts") String script) throws IOException {
        assertThat(runner(3).run("prop", script)).as("replies that differ from Redis's for\n" + script).isEmpty();
    }

    @Provide
    Arbitrary<String> scripts() {
        Arbitrary<String> command = Arbitraries.of(COMMANDS).flatMap(DifferentialProperties::fill);
        Arbitrary<String> queued = command.filter(c -> !c.startsWith("U ") && !c.startsWith("P ")
                && !c.startsWith("R ") && !c.startsWith("B"));
        Arbitrary<String> batch = queued.list().ofMinSize(1).ofMaxSize(4)
                .map(cs -> "MULTI\n" + String.join("\n", cs) + "\nEXEC");
        Arbitrary<String> discarded = queued.list().ofMinSize(1).ofMaxSize(2)
                .map(cs -> "MULTI\n" + String.join("\n", cs) + "\nDISCARD");
        // between WATCH and EXEC another client runs nothing, a SET of the watched key, or any other command on
        // it: a write that changes nothing may still count as one (LTRIM), a read or a miss must not
        Function<String, Arbitrary<String>> otherClient = key -> Arbitraries.of(COMMANDS)
                .filter(t -> !t.startsWith("B"))
                .flatMap(t -> fill("C2 " + t.replaceFirst("%k", Matcher.quoteReplacement(key))));
        Arbitrary<String> watched = Arbitraries.of(KEYS).flatMap(key -> Arbitraries.of(0, 1, 2).flatMap(
                touched -> queued.list().ofMinSize(1).ofMaxSize(3).flatMap(cs -> (touched == 2
                        ? otherClient.apply(key) : fill("C2 SET " + key + " %m"))
                        .map(write -> "WATCH " + key + "\n" + (touched > 0 ? write + "\n" : "") + "MULTI\n"
                                + String.join("\n", cs) + "\nEXEC"))));
        return Arbitraries.frequencyOf(Tuple.of(16, command), Tuple.of(2, batch), Tuple.of(1, discarded),
                        Tuple.of(1, watched))
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

    private static final String[] KEYS = {"$a", "$b", "$c", "$A"};
    private static final String[] MEMBERS = {"x", "y", "z", "1", "10", "X", "\"x \"", "\"\"", "é"};
    private static final String[] BIG = {"x".repeat(70_000), "é".repeat(5_000) + "\u0001\u00ff"};
    private static final String[] PREFIX = {"$"};
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
                case 'b' -> BIG;
                case 'p' -> PREFIX;
                default -> INTS;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(pool[roll % pool.length]));
        }
        m.appendTail(out);
        return out.toString();
    }
}
