package io.trustgate.redis.command.keyspace;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.codec.resp3.DoubleRedisMessage;
import io.trustgate.redis.codec.resp3.MapRedisMessage;
import io.trustgate.redis.codec.resp3.PairsRedisMessage;
import io.trustgate.redis.codec.resp3.SetRedisMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs commands through a {@link KeyspaceCommandExecutor} on a {@link MapKeyspaceEngine} and turns replies into
 * plain values (bulk: String, integer: Long, array: List, null: null, plus {@link Simple} and {@link Err}),
 * releasing every request and reply. RESP3 replies become what a RESP2 client reads, as {@code RespEncoder}
 * downgrades them: a map or a set is a List (a map flattened), a double is the String of its digits.
 */
final class Harness {

    record Simple(String text) {
    }

    record Err(String message) {
    }

    static final Simple OK = new Simple("OK");

    final MapKeyspaceEngine engine;
    final KeyspaceCommandExecutor executor;

    Harness() {
        this(new MapKeyspaceEngine());
    }

    Harness(MapKeyspaceEngine engine) {
        this.engine = engine;
        this.executor = new KeyspaceCommandExecutor("embedded", engine);
    }

    static Err err(String message) {
        return new Err(message);
    }

    static Simple simple(String text) {
        return new Simple(text);
    }

    Object call(String... args) {
        return callDb(0, args);
    }

    Object callDb(int db, String... args) {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            CompletableFuture<RedisMessage> f = executor.execute(db, request).toCompletableFuture();
            if (!f.isDone()) {
                throw new AssertionError("an inline engine must complete the stage before execute returns");
            }
            return toValue(f.join());
        } finally {
            request.release();
        }
    }

    static RespRequest request(String... args) {
        return RespRequest.of(ByteBufAllocator.DEFAULT, args);
    }

    /** Converts and releases a reply. */
    static Object toValue(RedisMessage message) {
        try {
            return convert(message);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private static Object convert(RedisMessage m) {
        if (m instanceof SimpleStringRedisMessage) {
            return new Simple(((SimpleStringRedisMessage) m).content());
        }
        if (m instanceof ErrorRedisMessage) {
            return new Err(((ErrorRedisMessage) m).content());
        }
        if (m instanceof IntegerRedisMessage) {
            return ((IntegerRedisMessage) m).value();
        }
        if (m instanceof FullBulkStringRedisMessage) {
            FullBulkStringRedisMessage b = (FullBulkStringRedisMessage) m;
            return b.isNull() ? null : b.content().toString(StandardCharsets.UTF_8);
        }
        if (m instanceof MapRedisMessage || m instanceof SetRedisMessage || m instanceof PairsRedisMessage) {
            List<RedisMessage> children = m instanceof MapRedisMessage map ? map.children()
                    : m instanceof PairsRedisMessage pairs ? pairs.children() : ((SetRedisMessage) m).children();
            List<Object> out = new ArrayList<>();
            for (RedisMessage child : children) {
                out.add(convert(child));
            }
            return out;
        }
        if (m instanceof DoubleRedisMessage d) {
            return d.text();
        }
        if (m instanceof io.trustgate.redis.codec.resp3.VerbatimStringRedisMessage v) {
            return v.content().toString(StandardCharsets.UTF_8);
        }
        if (m instanceof ArrayRedisMessage) {
            ArrayRedisMessage a = (ArrayRedisMessage) m;
            if (a.isNull()) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (RedisMessage child : a.children()) {
                out.add(convert(child));
            }
            return out;
        }
        throw new AssertionError("unexpected reply type " + m);
    }
}
