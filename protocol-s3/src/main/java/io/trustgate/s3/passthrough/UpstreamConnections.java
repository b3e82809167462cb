package io.trustgate.s3.passthrough;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP/1.1 connections to the upstream, one Netty {@link FixedChannelPool} per event loop: a client
 * connection's requests go out on connections of its own event loop, so bytes pass between the two sockets
 * without a thread hand-over. Each pool holds up to {@code maxConnections}; a connection idle in a pool for
 * {@link #IDLE_TICK_MILLIS} is closed (before the upstream's own idle timeout, typically 30 s, can race a
 * request onto a closing connection). An {@code https://} endpoint gets Netty's {@code SslHandler} on the JDK
 * provider, trusting the backend's own certificates when it has some ({@link UpstreamTrust}), else what the JVM
 * trusts, and verifying the host name.
 */
final class UpstreamConnections implements AutoCloseable {

    /** The idle-check period: idle pooled connections close after it; request silence is counted in it. */
    static final long IDLE_TICK_MILLIS = 5_000;
    /** Response head lines and headers are small; bodies are handed on in pieces of up to this. */
    private static final int MAX_CHUNK = 256 * 1024;
    /** The largest single read from an upstream socket. */
    static final int MAX_READ = 256 * 1024;

    private final S3PassthroughSettings settings;
    private final String host;
    private final int port;
    private final long tickMillis;
    private final int silentTicks;
    /** For an {@code https://} endpoint (JDK TLS, {@code trust} or the JVM's, host name verified); else null. */
    private final SslContext tls;
    private final ConcurrentHashMap<EventLoop, FixedChannelPool> pools = new ConcurrentHashMap<>();

    /** @param trust the backend's trust ({@link UpstreamTrust#of}), or null for the JVM's default trust */
    UpstreamConnections(S3PassthroughSettings settings, TrustManagerFactory trust) {
        this.settings = settings;
        this.host = settings.endpoint().getHost();
        int p = settings.endpoint().getPort();
        this.port = p > 0 ? p : "https".equalsIgnoreCase(settings.endpoint().getScheme()) ? 443 : 80;
        long timeout = Math.max(1, settings.requestTimeout().toMillis());
        this.tickMillis = Math.min(IDLE_TICK_MILLIS, timeout);
        this.silentTicks = (int) Math.max(1, (timeout + tickMillis - 1) / tickMillis);
        this.tls = "https".equalsIgnoreCase(settings.endpoint().getScheme()) ? clientTls(trust) : null;
    }

    private static SslContext clientTls(TrustManagerFactory trust) {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trust)
                    .endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS to the S3 backend: " + e.getMessage(), e);
        }
    }

    /** The pool of {@code client}'s event loop (connections of the same transport as {@code client}). */
    FixedChannelPool pool(Channel client) {
        EventLoop loop = client.eventLoop();
        FixedChannelPool pool = pools.get(loop);
        return pool != null ? pool : pools.computeIfAbsent(loop, l -> newPool(l, client.getClass()));
    }

    private FixedChannelPool newPool(EventLoop loop, Class<? extends Channel> type) {
        Bootstrap b = new Bootstrap().group(loop).channelFactory(new ReflectiveChannelFactory<>(type))
                .remoteAddress(host, port)
                .option(ChannelOption.TCP_NODELAY, true)
                // A 1 MiB body in a few large reads rather than sixteen 64 KiB ones (fewer syscalls and pieces);
                // the guess adapts down for connections that carry small answers.
                // Netty's default (adaptive) allocator does not pool buffers above its size classes when the heap
                // is at most 512 MiB, so each large read would allocate and free a direct buffer; the pooled
                // allocator keeps them.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, MAX_READ))
                // An upload piece (up to the client socket's read size) is taken without the connection turning
                // unwritable after each one, which would cost an epoll interest change and a wait per piece.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024))
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        settings.connectTimeout().toMillis()));
        return new FixedChannelPool(b, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel ch) {
                if (tls != null) {
                    // Writes wait in the handler until the handshake is done; a failed handshake is an exception
                    // on the connection (UpstreamHandler), so the request fails as with a refused connection.
                    ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port));
                }
                ch.pipeline().addLast(new IdleStateHandler(0, 0, tickMillis, TimeUnit.MILLISECONDS),
                        newCodec(),
                        new UpstreamHandler(silentTicks, settings.requestTimeout()));
            }
        }, ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL,
                Math.max(1, settings.requestTimeout().toMillis()), settings.maxConnections(), 100_000, true, true);
    }

    /** The HTTP codec of an upstream connection; a fresh one replaces it after a body went by it spliced. */
    static HttpClientCodec newCodec() {
        return new HttpClientCodec(8192, 64 * 1024, MAX_CHUNK);
    }

    @Override
    public void close() {
        pools.values().forEach(FixedChannelPool::closeAsync);
        pools.clear();
    }
}
