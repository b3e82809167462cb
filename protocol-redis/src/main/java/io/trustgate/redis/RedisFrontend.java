package io.trustgate.redis;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.trustgate.redis.codec.RespEncoder;
import io.trustgate.redis.codec.RespRequestDecoder;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.redis.session.ClientHandler;
import io.trustgate.redis.session.ClientRegistry;
import io.trustgate.redis.session.RedisMetrics;
import io.trustgate.redis.session.SessionContext;

import java.util.List;

/**
 * The Redis side of one listener: give it the listener's options and routes, and it gives the gateway the
 * channel initializer to install on accepted connections. Route targets are built separately (they may be
 * shared by several listeners) and closed by whoever built them.
 */
public final class RedisFrontend {

    private final SessionContext context;

    public RedisFrontend(RedisListenerSettings settings, List<RedisRouter.Route> routes, MeterRegistry registry) {
        this.context = new SessionContext(new RedisRouter(routes), settings, new RedisMetrics(registry, settings.name()),
                new ClientRegistry());
    }

    /** Installs decoder, encoder and the session handler on each accepted connection. */
    public ChannelInitializer<Channel> channelInitializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.config().setOption(ChannelOption.TCP_NODELAY, true);
                ch.pipeline().addLast("resp-decoder", new RespRequestDecoder(context.settings().limits()));
                ch.pipeline().addLast("resp-encoder", new RespEncoder());
                ch.pipeline().addLast("redis-session", new ClientHandler(context));
            }
        };
    }

    /** True when every backend behind this listener answers. */
    public boolean backendsReady() {
        return context.router().routes().stream().allMatch(r -> r.target().isReady());
    }

    /** Connected clients. */
    public int clients() {
        return context.clients().size();
    }

    /** Replies owed to clients right now (an estimate across threads), for draining on shutdown. */
    public int pendingReplies() {
        return context.clients().pendingReplies();
    }
}
