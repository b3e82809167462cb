package io.trustgate.s3;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
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
    /**
     * Largest socket read: an upload's body arrives in reads of up to this much (a 1 MiB body in about four),
     * each one pass through the pipeline, the checks and the backend's write queue instead of sixteen.
     */
    static final int MAX_READ = 256 * 1024;

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
                // A client's end of input is not the end of the connection: what it sent before is still answered.
                ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
                // Pooled buffers: Netty's default (adaptive) allocator pools nothing above 16 KiB in a JVM of 512 MiB
                // heap or less, so every large read of an upload body would be a fresh, zeroed direct buffer.
                ch.config().setAllocator(PooledByteBufAllocator.DEFAULT);
                ch.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ));
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
