package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;

import java.nio.charset.StandardCharsets;

/**
 * Key expiry: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX, XX, GT, LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME and
 * PERSIST, as Redis's {@code expire.c}. The readers need nothing from the engine (a key without expiry answers -1);
 * the setters need {@link Capability#EXPIRY}.
 */
final class ExpireCommands {

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    private ExpireCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("expire", c -> expire(c, false, 1000), Capability.EXPIRY)
                .add("pexpire", c -> expire(c, false, 1), Capability.EXPIRY)
                .add("expireat", c -> expire(c, true, 1000), Capability.EXPIRY)
                .add("pexpireat", c -> expire(c, true, 1), Capability.EXPIRY)
                .add("ttl", c -> ttl(c, false, false))
                .add("pttl", c -> ttl(c, true, false))
                .add("expiretime", c -> ttl(c, false, true))
                .add("pexpiretime", c -> ttl(c, true, true))
                .add("persist", ExpireCommands::persist);
    }

    /** Redis's {@code expireGenericCommand}: options, then the number, then the key. */
    static RedisMessage expire(Call c, boolean absolute, long unitMillis) {
        int flags = parseFlags(c);
        long when = c.longArg(2);
        if (unitMillis == 1000) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw CommandException.invalidExpire(c.name());
            }
            when *= 1000;
        }
        long base = absolute ? 0 : c.now();
        if (when > Long.MAX_VALUE - base) {
            throw CommandException.invalidExpire(c.name());
        }
        when += base;
        Keyspace ks = c.keyspace();
        Long expiry = ks.expiry(c.arg(1));
        if (expiry == null) {
            return Replies.ZERO;
        }
        long current = expiry;
        boolean persistent = current == Entry.NO_EXPIRY;
        if (((flags & NX) != 0 && !persistent)
                || ((flags & XX) != 0 && persistent)
                || ((flags & GT) != 0 && (persistent || when <= current))
                || ((flags & LT) != 0 && !persistent && when >= current)) {
            return Replies.ZERO;
        }
        if (when <= c.now()) {
            ks.delete(c.arg(1));
        } else {
            ks.setExpiry(c.arg(1), when);
        }
        return Replies.ONE;
    }

    private static int parseFlags(Call c) {
        int flags = 0;
        for (int j = 3; j < c.argc(); j++) {
            if (c.argIs(j, "NX")) {
                flags |= NX;
            } else if (c.argIs(j, "XX")) {
                flags |= XX;
            } else if (c.argIs(j, "GT")) {
                flags |= GT;
            } else if (c.argIs(j, "LT")) {
                flags |= LT;
            } else {
                throw new CommandException("ERR Unsupported option " + new String(c.arg(j), StandardCharsets.UTF_8));
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            throw new CommandException("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            throw new CommandException("ERR GT and LT options at the same time are not compatible");
        }
        return flags;
    }

    /** Redis's {@code ttlGenericCommand}: -2 for no key, -1 for no expiry, else the rest (or the instant). */
    static RedisMessage ttl(Call c, boolean millis, boolean absolute) {
        Long expiry = c.keyspace().expiry(c.arg(1));
        if (expiry == null) {
            return Replies.integer(-2);
        }
        if (expiry == Entry.NO_EXPIRY) {
            return Replies.integer(-1);
        }
        long ttl = absolute ? expiry : Math.max(0, expiry - c.now());
        return Replies.integer(millis ? ttl : (ttl + 500) / 1000);
    }

    static RedisMessage persist(Call c) {
        Keyspace ks = c.keyspace();
        Long expiry = ks.expiry(c.arg(1));
        if (expiry == null || expiry == Entry.NO_EXPIRY) {
            return Replies.ZERO;
        }
        ks.setExpiry(c.arg(1), Entry.NO_EXPIRY);
        return Replies.ONE;
    }
}
