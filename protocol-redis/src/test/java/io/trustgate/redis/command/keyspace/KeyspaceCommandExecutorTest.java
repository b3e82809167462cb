package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.spi.KeyspaceTransaction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static io.trustgate.redis.command.keyspace.Harness.OK;
import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class KeyspaceCommandExecutorTest {

    private final Harness r = new Harness();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<Object> exec(WatchSnapshot watched, String[]... commands) {
        List<RespRequest> queued = new ArrayList<>();
        for (String[] c : commands) {
            queued.add(Harness.request(c));
        }
        try {
            List<RedisMessage> replies = r.executor.execAtomically(0, queued, watched).toCompletableFuture().join();
            if (replies == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (RedisMessage m : replies) {
                out.add(Harness.toValue(m));
            }
            return out;
        } finally {
            queued.forEach(RespRequest::release);
        }
    }

    @Test
    void unknownCommandsGetRedisText() {
        assertThat(r.call("foo", "a", "b")).isEqualTo(err("ERR unknown command 'foo', with args beginning with: 'a' 'b' "));
        assertThat(r.executor.support("FOO")).isEqualTo(CommandSupport.UNKNOWN);
    }

    @Test
    void refusalsNameTheMissingCapabilityOrTheReason() {
        assertThat(r.call("BLPOP", "l", "0")).isEqualTo(
                err("ERR command 'BLPOP' is not supported by backend 'embedded' (no blocking operations)"));
        assertThat(r.call("xadd", "s", "*", "f", "v")).isEqualTo(
                err("ERR command 'XADD' is not supported by backend 'embedded' (no streams)"));
        assertThat(r.call("BZPOPMIN", "z", "0")).isEqualTo(
                err("ERR command 'BZPOPMIN' is not supported by backend 'embedded' (no blocking operations)"));
        assertThat(r.call("SUBSCRIBE", "c")).isEqualTo(
                err("ERR command 'SUBSCRIBE' is not supported by backend 'embedded' (no pub/sub)"));
        assertThat(r.call("EVAL", "return 1", "0")).isEqualTo(
                err("ERR command 'EVAL' is not supported by backend 'embedded' (no scripting)"));
        assertThat(r.call("SHUTDOWN")).isEqualTo(
                err("ERR command 'SHUTDOWN' is not supported by backend 'embedded' (no server administration)"));
        assertThat(r.call("CONFIG", "SET", "maxmemory", "1")).isEqualTo(err("ERR command 'CONFIG SET' is not "
                + "supported by backend 'embedded' (the gateway's configuration is its YAML file)"));
        assertThat(r.call("LCS", "a", "b")).isEqualTo(
                err("ERR command 'LCS' is not supported by backend 'embedded' (not implemented yet)"));
    }

    @Test
    void blockingListCommandNamesListsFirstWhenListsAreMissing() {
        Harness stringsOnly = new Harness(new MapKeyspaceEngine(EnumSet.of(Capability.STRINGS), 16));
        assertThat(stringsOnly.call("BLPOP", "l", "0"))
                .isEqualTo(err("ERR command 'BLPOP' is not supported by backend 'embedded' (no lists)"));
    }

    @Test
    void refusalsWinOverArityChecks() {
        assertThat(r.call("XADD")).isEqualTo(err("ERR command 'XADD' is not supported by backend 'embedded' (no streams)"));
    }

    @Test
    void supportSaysHowEachCommandIsAnswered() {
        assertThat(r.executor.support("GET")).isEqualTo(CommandSupport.NATIVE);
        assertThat(r.executor.support("UNLINK")).isEqualTo(CommandSupport.EMULATED);
        assertThat(r.executor.support("TOUCH")).isEqualTo(CommandSupport.IGNORED);
        assertThat(r.executor.support("BLPOP")).isEqualTo(CommandSupport.REFUSED);
        assertThat(r.executor.support("PING")).isEqualTo(CommandSupport.NATIVE);
        assertThat(r.executor.support("MULTI")).isEqualTo(CommandSupport.NATIVE);
        Harness noTx = new Harness(new MapKeyspaceEngine(EnumSet.of(Capability.STRINGS), 16));
        assertThat(noTx.executor.support("MULTI")).isEqualTo(CommandSupport.REFUSED);
        assertThat(noTx.executor.support("WATCH")).isEqualTo(CommandSupport.REFUSED);
    }

    @Test
    void supportTableCoversEveryRedisCommandConsistently() {
        Map<String, CommandSupport> table = r.executor.supportTable();
        assertThat(table).hasSize(CommandCatalog.REDIS_7.all().size()).containsEntry("SET", CommandSupport.NATIVE);
        table.forEach((name, answer) -> assertThat(r.executor.support(name)).as(name).isEqualTo(answer));
        assertThat(table.values()).doesNotContain(CommandSupport.UNKNOWN);
    }

    @Test
    void sessionCommandsAreNotAnsweredHere() {
        assertThat(r.call("SELECT", "1"))
                .isEqualTo(err("ERR command 'SELECT' is handled by the session, not by backend 'embedded'"));
    }

    @Test
    void validateReportsWhatRedisRejectsAtQueueTime() {
        for (String[] ok : new String[][]{{"SET", "k", "v"}, {"SET", "k", "v", "bogus"}}) {
            RespRequest req = Harness.request(ok);
            assertThat(r.executor.validate(req)).as(Arrays.toString(ok)).isNull();
            req.release();
        }
        RespRequest arity = Harness.request("GET");
        RespRequest unknown = Harness.request("nope");
        RespRequest refused = Harness.request("XLEN", "s");
        try {
            assertThat(r.executor.validate(arity).content()).isEqualTo("ERR wrong number of arguments for 'get' command");
            assertThat(r.executor.validate(unknown).content()).startsWith("ERR unknown command 'nope'");
            assertThat(r.executor.validate(refused).content()).contains("'XLEN'", "(no streams)");
        } finally {
            arity.release();
            unknown.release();
            refused.release();
        }
    }

    @Test
    void execReturnsOneReplyPerCommandWithErrorsInPlace() {
        r.call("SET", "s", "text");
        List<Object> replies = exec(null, new String[]{"SET", "a", "1"}, new String[]{"INCR", "s"},
                new String[]{"INCR", "a"}, new String[]{"GET"}, new String[]{"PING"});
        assertThat(replies).containsExactly(OK, err("ERR value is not an integer or out of range"), 2L,
                err("ERR wrong number of arguments for 'get' command"), Harness.simple("PONG"));
        assertThat(r.call("GET", "a")).isEqualTo("2");
    }

    @Test
    void execRunsAllCommandsInOneUnit() {
        int before = r.engine.units;
        exec(null, new String[]{"SET", "a", "1"}, new String[]{"SET", "b", "2"}, new String[]{"MGET", "a", "b"});
        assertThat(r.engine.units - before).isEqualTo(1);
    }

    @Test
    void execAbortsWhenAWatchedKeyWasWritten() {
        r.call("SET", "k", "1");
        WatchSnapshot w = r.executor.watch(0, List.of(b("k")));
        r.call("SET", "k", "1");
        assertThat(exec(w, new String[]{"SET", "x", "1"})).isNull();
        assertThat(r.call("EXISTS", "x")).isEqualTo(0L);
    }

    @Test
    void execRunsWhenWatchedKeysAreUnchanged() {
        r.call("SET", "k", "1");
        WatchSnapshot w = r.executor.watch(0, List.of(b("k"), b("absent")));
        r.call("SET", "other", "1");
        r.call("GET", "k");
        assertThat(exec(w, new String[]{"INCR", "k"})).containsExactly(2L);
    }

    @Test
    void execAbortsWhenAWatchedKeyExpiresIsDeletedOrCreated() {
        r.call("SET", "e", "1", "PX", "10");
        r.call("SET", "d", "1");
        WatchSnapshot expiring = r.executor.watch(0, List.of(b("e")));
        WatchSnapshot deleted = r.executor.watch(0, List.of(b("d")));
        WatchSnapshot created = r.executor.watch(0, List.of(b("c")));
        r.engine.advance(11);
        r.call("DEL", "d");
        r.call("SET", "c", "1");
        assertThat(exec(expiring, new String[]{"PING"})).isNull();
        assertThat(exec(deleted, new String[]{"PING"})).isNull();
        assertThat(exec(created, new String[]{"PING"})).isNull();
    }

    @Test
    void expireChangesTheStampButReadsDoNot() {
        r.call("SET", "k", "1");
        WatchSnapshot w = r.executor.watch(0, List.of(b("k")));
        r.call("TTL", "k");
        r.call("EXISTS", "k");
        assertThat(exec(w, new String[]{"PING"})).isNotNull();
        WatchSnapshot again = r.executor.watch(0, List.of(b("k")));
        r.call("EXPIRE", "k", "100");
        assertThat(exec(again, new String[]{"PING"})).isNull();
    }

    @Test
    void snapshotsCombineAcrossDatabases() {
        r.callDb(3, "SET", "k", "1");
        WatchSnapshot w = r.executor.watch(0, List.of(b("a"))).plus(r.executor.watch(3, List.of(b("k"))));
        assertThat(w.size()).isEqualTo(2);
        r.callDb(3, "DEL", "k");
        assertThat(exec(w, new String[]{"PING"})).isNull();
    }

    @Test
    void engineFailuresBecomeErrorReplies() {
        r.engine.failing(true);
        assertThat(r.call("GET", "k"))
                .isEqualTo(err("ERR backend 'embedded' failed: java.lang.IllegalStateException: disk on fire"));
        assertThat(exec(null, new String[]{"GET", "a"}, new String[]{"GET", "b"})).hasSize(2)
                .allSatisfy(e -> assertThat(e).isInstanceOf(Harness.Err.class));
        WatchSnapshot broken = r.executor.watch(0, List.of(b("k")));
        r.engine.failing(false);
        assertThat(exec(broken, new String[]{"PING"})).isNull();
    }

    @Test
    void argumentsAreCopiedBeforeTheEngineRunsTheCommand() {
        DeferredEngine deferred = new DeferredEngine(new MapKeyspaceEngine());
        KeyspaceCommandExecutor executor = new KeyspaceCommandExecutor("deferred", deferred);
        RespRequest set = Harness.request("SET", "key", "value");
        CompletionStage<RedisMessage> pending = executor.execute(0, set);
        set.release();
        assertThat(pending.toCompletableFuture()).isNotDone();
        deferred.runPending();
        assertThat(Harness.toValue(pending.toCompletableFuture().join())).isEqualTo(OK);
        RespRequest get = Harness.request("GET", "key");
        CompletionStage<RedisMessage> value = executor.execute(0, get);
        get.release();
        deferred.runPending();
        assertThat(Harness.toValue(value.toCompletableFuture().join())).isEqualTo("value");
    }

    /** An engine that runs units only when told, like one with its own executor. */
    private static final class DeferredEngine implements KeyspaceEngine {
        private final KeyspaceEngine inner;
        private final List<Runnable> pending = new ArrayList<>();

        DeferredEngine(KeyspaceEngine inner) {
            this.inner = inner;
        }

        void runPending() {
            List<Runnable> now = new ArrayList<>(pending);
            pending.clear();
            now.forEach(Runnable::run);
        }

        @Override
        public Set<Capability> capabilities() {
            return inner.capabilities();
        }

        @Override
        public int databases() {
            return inner.databases();
        }

        @Override
        public <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work) {
            CompletableFuture<T> result = new CompletableFuture<>();
            pending.add(() -> inner.atomically(access, work).whenComplete((v, t) -> {
                if (t != null) {
                    result.completeExceptionally(t);
                } else {
                    result.complete(v);
                }
            }));
            return result;
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
