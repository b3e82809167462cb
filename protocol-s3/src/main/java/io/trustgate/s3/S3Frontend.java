package io.trustgate.s3;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.trustgate.s3.http.ConnectionTimeouts;
import io.trustgate.s3.http.S3Context;
import io.trustgate.s3.http.S3Metrics;
import io.trustgate.s3.http.S3ServerHandler;
import io.trustgate.s3.route.BucketRouter;

import java.util.List;

/**
 * The S3 side of one listener: give it the listener's settings and bucket routes, and it gives the gateway the
 * channel initializer for accepted connections (TLS when configured, the HTTP/1.1 codec with header limits, the
 * idle and request-body timeouts, the S3 handler). Object bodies are never aggregated. Stores are built and closed by whoever built the routes.
 */
public final class S3Frontend {

    /** The largest body piece the HTTP decoder hands over at once. */
    static final int MAX_CHUNK = 256 * 1024;

    private final S3Context context;

    public S3Frontend(S3ListenerSettings settings, List<BucketRouter.Route> routes, MeterRegistry registry) {
        this.context = new S3Context(settings, new BucketRouter(routes), new S3Metrics(registry, settings.name()));
    }

    public ChannelInitializer<Channel> channelInitializer() {
        S3ListenerSettings settings = context.settings();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.config().setOption(ChannelOption.TCP_NODELAY, true);
                if (settings.ssl() != null) {
                    ch.pipeline().addLast("ssl", settings.ssl().newHandler(ch.alloc()));
                }
                ch.pipeline().addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(settings.maxHeaderSize())
                        .setMaxHeaderSize(settings.maxHeaderSize())
                        .setMaxChunkSize(MAX_CHUNK)));
                ch.pipeline().addLast("timeouts", new ConnectionTimeouts(settings.idleTimeout(),
                        settings.requestTimeout()));
                ch.pipeline().addLast("s3", new S3ServerHandler(context));
            }
        };
    }

    /** Requests received and not yet answered: what a graceful shutdown waits for. */
    public int inFlight() {
        return context.metrics().inFlight();
    }

    /** Open client connections. */
    public int clients() {
        return context.metrics().openConnections();
    }

    public BucketRouter router() {
        return context.router();
    }
}
