package io.trustgate.redis.route;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.pubsub.PubSubHub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** PUBLISH and PUBSUB CHANNELS/NUMSUB/NUMPAT on a {@link PubSubHub}, with Redis's replies and errors. */
final class PubSubCommands {

    private PubSubCommands() {
    }

    /** True for the commands answered here. */
    static boolean handles(String upperName) {
        return upperName.equals("PUBLISH") || upperName.equals("PUBSUB");
    }

    /** Answers {@code request} (not released here). */
    static RedisMessage run(PubSubHub hub, RespRequest request) {
        if (request.argIs(0, "PUBLISH")) {
            if (request.argc() != 3) {
                return new ErrorRedisMessage("ERR wrong number of arguments for 'publish' command");
            }
            return new IntegerRedisMessage(hub.publish(request.argBytes(1), request.argBytes(2)));
        }
        if (request.argc() < 2) {
            return new ErrorRedisMessage("ERR wrong number of arguments for 'pubsub' command");
        }
        String sub = request.argString(1).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "CHANNELS" -> {
                if (request.argc() > 3) {
                    return wrongArity(sub);
                }
                return bulks(hub.channels(request.argc() == 3 ? request.argBytes(2) : null));
            }
            case "NUMSUB" -> {
                List<RedisMessage> out = new ArrayList<>();
                for (int i = 2; i < request.argc(); i++) {
                    byte[] channel = request.argBytes(i);
                    out.add(bulk(channel));
                    out.add(new IntegerRedisMessage(hub.numsub(channel)));
                }
                return new ArrayRedisMessage(out);
            }
            case "NUMPAT" -> {
                return request.argc() == 2 ? new IntegerRedisMessage(hub.numpat()) : wrongArity(sub);
            }
            case "SHARDCHANNELS" -> {
                return ArrayRedisMessage.EMPTY_INSTANCE;
            }
            case "SHARDNUMSUB" -> {
                List<RedisMessage> out = new ArrayList<>();
                for (int i = 2; i < request.argc(); i++) {
                    out.add(bulk(request.argBytes(i)));
                    out.add(new IntegerRedisMessage(0));
                }
                return new ArrayRedisMessage(out);
            }
            default -> {
                return new ErrorRedisMessage("ERR unknown subcommand '" + request.argString(1)
                        + "'. Try PUBSUB HELP.");
            }
        }
    }

    private static RedisMessage wrongArity(String sub) {
        return new ErrorRedisMessage("ERR wrong number of arguments for 'pubsub|" + sub.toLowerCase(Locale.ROOT)
                + "' command");
    }

    private static RedisMessage bulks(List<byte[]> values) {
        List<RedisMessage> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(bulk(v)));
        return new ArrayRedisMessage(out);
    }

    private static RedisMessage bulk(byte[] b) {
        return new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(b));
    }
}
