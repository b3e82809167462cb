package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;

/**
 * The semantics of one command: runs inside the engine's atomic unit, checks in Redis's order, and either
 * returns the reply or throws {@link CommandException}. It must validate everything before its first write, so
 * that an error never leaves half a command applied.
 */
@FunctionalInterface
interface CommandHandler {

    RedisMessage run(Call call);
}
