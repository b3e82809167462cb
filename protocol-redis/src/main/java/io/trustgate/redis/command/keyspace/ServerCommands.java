package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;

/**
 * Whole-database commands (DBSIZE, FLUSHDB, FLUSHALL), WAIT (ignored: there are no replicas to wait for, so it
 * answers 0 at once), and PING and ECHO, which the session layer normally answers itself but which can arrive
 * here queued inside MULTI.
 */
final class ServerCommands {

    private ServerCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("dbsize", c -> Replies.integer(c.keyspace().size()))
                .add("flushdb", ServerCommands::flushdb)
                .add("flushall", ServerCommands::flushall)
                .add(CommandSupport.IGNORED, "wait", ServerCommands::waitReplicas)
                .add("ping", ServerCommands::ping)
                .add("echo", c -> Replies.bulk(c.arg(1)))
                .note("wait", "answers 0 at once: there are no replicas to wait for");
    }

    static RedisMessage flushdb(Call c) {
        checkFlushFlags(c);
        c.keyspace().clear();
        return Replies.OK;
    }

    static RedisMessage flushall(Call c) {
        checkFlushFlags(c);
        for (int db = 0; db < c.databases(); db++) {
            c.keyspace(db).clear();
        }
        return Replies.OK;
    }

    /** FLUSHDB/FLUSHALL take one optional SYNC or ASYNC; both flush synchronously here. */
    private static void checkFlushFlags(Call c) {
        if (c.argc() > 2 || (c.argc() == 2 && !c.argIs(1, "SYNC") && !c.argIs(1, "ASYNC"))) {
            throw CommandException.syntax();
        }
    }

    static RedisMessage waitReplicas(Call c) {
        c.longArg(1);
        long timeout;
        try {
            timeout = c.longArg(2);
        } catch (CommandException e) {
            throw new CommandException("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            throw new CommandException("ERR timeout is negative");
        }
        return Replies.ZERO;
    }

    static RedisMessage ping(Call c) {
        if (c.argc() > 2) {
            throw new CommandException(CommandException.wrongArity(c.name()));
        }
        return c.argc() == 2 ? Replies.bulk(c.arg(1)) : Replies.PONG;
    }
}
