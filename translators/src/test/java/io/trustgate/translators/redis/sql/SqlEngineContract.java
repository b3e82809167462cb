package io.trustgate.translators.redis.sql;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.codec.resp3.MapRedisMessage;
import io.trustgate.redis.codec.resp3.PairsRedisMessage;
import io.trustgate.redis.codec.resp3.SetRedisMessage;
import io.trustgate.redis.codec.resp3.DoubleRedisMessage;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.spi.KeyspaceEngine;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** One real database for the engine ITs: a fresh table prefix per test, a manual clock, Redis calls as text. */
final class SqlEngineContract {

    final SqlKeyspaceEngine.Kind kind;
    final String url;
    final String user;
    final String prefix = "it" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
            .toLowerCase(Locale.ROOT) + "_";
    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final List<SqlKeyspaceEngine> engines = new ArrayList<>();

    SqlEngineContract(SqlKeyspaceEngine.Kind kind, String url, String user) {
        this.kind = kind;
        this.url = url;
        this.user = user;
    }

    static SqlEngineContract postgres() {
        return new SqlEngineContract(SqlKeyspaceEngine.Kind.POSTGRES, "jdbc:postgresql://127.0.0.1:5432/test",
                "postgres");
    }

    static SqlEngineContract mariadb() {
        return new SqlEngineContract(SqlKeyspaceEngine.Kind.MARIADB, "jdbc:mariadb://127.0.0.1:3306/test", "root");
    }

    /** A new engine (a new "gateway") on the same tables; sweep off unless asked. */
    SqlKeyspaceEngine engine(Duration sweep) {
        SqlKeyspaceEngine e = new SqlKeyspaceEngine(kind, url, user, "", 8, prefix, clock::get, sweep);
        engines.add(e);
        return e;
    }

    Jdbi jdbi() {
        return Jdbi.create(url, user, "");
    }

    /** Closes every engine and drops this test's tables. */
    void dropAll() {
        engines.forEach(SqlKeyspaceEngine::close);
        Tables t = Tables.withPrefix(prefix);
        jdbi().useHandle(h -> {
            h.execute("DROP VIEW IF EXISTS " + t.readable());
            for (String table : List.of(t.strings(), t.hashes(), t.lists(), t.sets(), t.zsets(), t.keys(),
                    t.lock())) {
                h.execute("DROP TABLE IF EXISTS " + table);
            }
            h.execute("DROP SEQUENCE IF EXISTS " + t.stamps());
        });
    }

    static <T> T join(KeyspaceEngine engine, KeyspaceEngine.Access access,
                      java.util.function.Function<io.trustgate.redis.spi.KeyspaceTransaction, T> work) {
        return engine.atomically(access, work).toCompletableFuture().join();
    }

    /** Runs one command on db 0 and returns the reply as text, integer, list, or "ERR..." text. */
    static Object call(KeyspaceCommandExecutor redis, String... args) {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            RedisMessage reply = redis.execute(0, request).toCompletableFuture().join();
            try {
                return value(reply);
            } finally {
                ReferenceCountUtil.release(reply);
            }
        } finally {
            request.release();
        }
    }

    /** Sends one command through {@code redis} on db 0 without waiting: its reply as {@link #value} gives it. */
    static java.util.concurrent.CompletableFuture<Object> async(KeyspaceCommandExecutor redis, String... args) {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        return redis.execute(0, request).toCompletableFuture().handle((reply, e) -> {
            request.release();
            if (e != null) {
                throw new java.util.concurrent.CompletionException(e);
            }
            try {
                return value(reply);
            } finally {
                ReferenceCountUtil.release(reply);
            }
        });
    }

    /** Runs MULTI ... EXEC on db 0 through {@code redis}; null when WATCH aborted it. */
    static List<Object> exec(KeyspaceCommandExecutor redis, io.trustgate.redis.command.keyspace.WatchSnapshot watched,
                             List<List<String>> commands) {
        List<RespRequest> queued = new ArrayList<>();
        for (List<String> c : commands) {
            queued.add(RespRequest.of(ByteBufAllocator.DEFAULT, c.toArray(new String[0])));
        }
        try {
            List<RedisMessage> replies = redis.execAtomically(0, queued, watched).toCompletableFuture().join();
            if (replies == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (RedisMessage m : replies) {
                out.add(value(m));
                ReferenceCountUtil.release(m);
            }
            return out;
        } finally {
            queued.forEach(RespRequest::release);
        }
    }

    static Object value(RedisMessage m) {
        if (m instanceof IntegerRedisMessage) {
            return ((IntegerRedisMessage) m).value();
        }
        if (m instanceof FullBulkStringRedisMessage) {
            FullBulkStringRedisMessage b = (FullBulkStringRedisMessage) m;
            return b.isNull() ? null : b.content().toString(StandardCharsets.UTF_8);
        }
        if (m instanceof SimpleStringRedisMessage) {
            return ((SimpleStringRedisMessage) m).content();
        }
        if (m instanceof ErrorRedisMessage) {
            return ((ErrorRedisMessage) m).content();
        }
        if (m instanceof MapRedisMessage || m instanceof SetRedisMessage || m instanceof PairsRedisMessage) {
            List<Object> out = new ArrayList<>(); // RESP2 shape: a flat array
            List<RedisMessage> children = m instanceof MapRedisMessage ? ((MapRedisMessage) m).children()
                    : m instanceof PairsRedisMessage ? ((PairsRedisMessage) m).children()
                    : ((SetRedisMessage) m).children();
            children.forEach(c -> out.add(value(c)));
            return out;
        }
        if (m instanceof DoubleRedisMessage) {
            return ((DoubleRedisMessage) m).text();
        }
        if (m instanceof ArrayRedisMessage) {
            if (((ArrayRedisMessage) m).isNull()) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            ((ArrayRedisMessage) m).children().forEach(c -> out.add(value(c)));
            return out;
        }
        return m.toString();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
