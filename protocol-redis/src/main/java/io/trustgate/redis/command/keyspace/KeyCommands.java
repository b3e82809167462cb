package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.ValueType;

import java.util.Arrays;

/**
 * Commands on keys whatever their type: DEL, UNLINK, EXISTS, TOUCH, TYPE, RENAME, RENAMENX, COPY, MOVE.
 * UNLINK is emulated (it frees synchronously, like DEL); TOUCH's access-time update is ignored (the engine keeps
 * no access clock), its count is exact.
 */
final class KeyCommands {

    private KeyCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("del", KeyCommands::del)
                .add(CommandSupport.EMULATED, "unlink", KeyCommands::del)
                .add("exists", KeyCommands::exists)
                .add(CommandSupport.IGNORED, "touch", KeyCommands::touch)
                .add("type", KeyCommands::type)
                .add("rename", c -> rename(c, false))
                .add("renamenx", c -> rename(c, true))
                .add("copy", KeyCommands::copy)
                .add("move", KeyCommands::move)
                .note("unlink", "deletes like DEL, freeing the values before it answers")
                .note("touch", "counts the keys like EXISTS; there is no access clock to update");
    }

    static RedisMessage del(Call c) {
        Keyspace ks = c.keyspace();
        long deleted = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (ks.delete(c.arg(i))) {
                deleted++;
            }
        }
        return Replies.integer(deleted);
    }

    /** Counts existing keys, a key named twice counting twice. */
    static RedisMessage exists(Call c) {
        Keyspace ks = c.keyspace();
        long count = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (ks.exists(c.arg(i))) {
                count++;
            }
        }
        return Replies.integer(count);
    }

    static RedisMessage touch(Call c) {
        return exists(c);
    }

    static RedisMessage type(Call c) {
        ValueType type = c.keyspace().type(c.arg(1));
        return Replies.simple(type == null ? "none" : type.redisName());
    }

    /** Redis's {@code renameGenericCommand}: the value moves with its expiry; the same name is a no-op. */
    static RedisMessage rename(Call c, boolean nx) {
        Keyspace ks = c.keyspace();
        byte[] from = c.arg(1);
        byte[] to = c.arg(2);
        Entry e = ks.get(from);
        if (e == null) {
            throw new CommandException(CommandException.NO_SUCH_KEY);
        }
        if (Arrays.equals(from, to)) {
            return nx ? Replies.ZERO : Replies.OK;
        }
        if (nx && ks.exists(to)) {
            return Replies.ZERO;
        }
        ks.delete(from);
        ks.put(to, e.value(), e.expireAt());
        return nx ? Replies.ONE : Replies.OK;
    }

    /** COPY source destination [DB destination-db] [REPLACE]. */
    static RedisMessage copy(Call c) {
        int target = c.db();
        boolean replace = false;
        for (int j = 3; j < c.argc(); j++) {
            if (c.argIs(j, "REPLACE")) {
                replace = true;
            } else if (c.argIs(j, "DB") && j + 1 < c.argc()) {
                target = c.dbArg(++j);
            } else {
                throw CommandException.syntax();
            }
        }
        if (target == c.db() && Arrays.equals(c.arg(1), c.arg(2))) {
            throw new CommandException(CommandException.SAME_OBJECT);
        }
        Entry e = c.keyspace().get(c.arg(1));
        if (e == null) {
            return Replies.ZERO;
        }
        Keyspace destination = c.keyspace(target);
        if (destination.exists(c.arg(2))) {
            if (!replace) {
                return Replies.ZERO;
            }
            destination.delete(c.arg(2));
        }
        destination.put(c.arg(2), e.value().copy(), e.expireAt());
        return Replies.ONE;
    }

    /** MOVE key db: to another database, only when the key is absent there. */
    static RedisMessage move(Call c) {
        int target = c.dbArg(2);
        if (target == c.db()) {
            throw new CommandException(CommandException.SAME_OBJECT);
        }
        Keyspace source = c.keyspace();
        Entry e = source.get(c.arg(1));
        if (e == null) {
            return Replies.ZERO;
        }
        Keyspace destination = c.keyspace(target);
        if (destination.exists(c.arg(1))) {
            return Replies.ZERO;
        }
        destination.put(c.arg(1), e.value(), e.expireAt());
        source.delete(c.arg(1));
        return Replies.ONE;
    }
}
