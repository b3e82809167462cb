package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.ScanPage;
import io.trustgate.redis.spi.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Iterating the keyspace: KEYS, SCAN (MATCH, COUNT, TYPE) and RANDOMKEY, on top of the engine's cursor scan.
 * As in Redis, SCAN filters after fetching, so a page may hold fewer keys than COUNT, even none, with a
 * non-zero cursor. TYPE goes to the engine ({@link Keyspace#scan(long, int, ValueType)}), which can select by
 * kind as it reads the page instead of looking each key up again.
 */
final class ScanCommands {

    /** How many keys KEYS asks the engine for at a time. */
    private static final int KEYS_BATCH = 1024;

    private ScanCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("keys", ScanCommands::keys)
                .add("scan", ScanCommands::scan)
                .add("randomkey", ScanCommands::randomkey);
    }

    static RedisMessage keys(Call c) {
        GlobPattern pattern = GlobPattern.compile(c.arg(1));
        Keyspace ks = c.keyspace();
        List<byte[]> out = new ArrayList<>();
        long cursor = 0;
        do {
            ScanPage page = ks.scan(cursor, KEYS_BATCH);
            for (byte[] key : page.keys()) {
                if (pattern.matches(key)) {
                    out.add(key);
                }
            }
            cursor = page.cursor();
        } while (cursor != 0);
        return Replies.bulkArray(out);
    }

    /** Redis's {@code scanGenericCommand} for the keyspace: cursor, then options, then fetch and filter. */
    static RedisMessage scan(Call c) {
        long cursor = Numbers.parseCursor(c.arg(1));
        long count = 10;
        GlobPattern pattern = null;
        byte[] type = null;
        for (int i = 2; i < c.argc(); ) {
            boolean hasValue = c.argc() - i >= 2;
            if (c.argIs(i, "COUNT") && hasValue) {
                count = c.longArg(i + 1);
                if (count < 1) {
                    throw CommandException.syntax();
                }
            } else if (c.argIs(i, "MATCH") && hasValue) {
                pattern = GlobPattern.compile(c.arg(i + 1));
            } else if (c.argIs(i, "TYPE") && hasValue) {
                type = c.arg(i + 1);
            } else {
                throw CommandException.syntax();
            }
            i += 2;
        }
        Keyspace ks = c.keyspace();
        long next = 0;
        List<byte[]> keys = new ArrayList<>();
        if (cursor >= 0) {
            int n = (int) Math.min(count, Integer.MAX_VALUE);
            ValueType kind = type == null ? null : kind(type);
            // an unknown TYPE selects no key, but the iteration still goes on, as in Redis
            ScanPage page = kind != null ? ks.scan(cursor, n, kind) : ks.scan(cursor, n);
            next = page.cursor();
            for (byte[] key : page.keys()) {
                if ((type == null || kind != null) && (pattern == null || pattern.matches(key))) {
                    keys.add(key);
                }
            }
        }
        List<RedisMessage> reply = new ArrayList<>(2);
        reply.add(Replies.bulk(Long.toUnsignedString(next)));
        reply.add(Replies.bulkArray(keys));
        return new ArrayRedisMessage(reply);
    }

    /** The kind a TYPE argument names (in any case), or null for a name no key can have. */
    private static ValueType kind(byte[] type) {
        String name = new String(type, StandardCharsets.UTF_8);
        for (ValueType t : ValueType.values()) {
            if (t.redisName().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    static RedisMessage randomkey(Call c) {
        return Replies.bulk(c.keyspace().randomKey());
    }
}
