package io.trustgate.gateway.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The admin HTTP server. Binds one port on the caller's event-loop group (which it never shuts down) and
 * answers health, readiness and Prometheus scrapes; see {@link AdminHandler} for the routes.
 *
 * <p>Lifecycle: construct, {@link #start()} once, {@link #close()} once (idempotent). Thread-safe for those
 * calls. Scrapes run on the event loop: they are CPU-only and short for the registry sizes the gateway produces.
 */
public final class AdminServer implements AutoCloseable {

    /** Requests are tiny GETs; anything bigger is rejected by the aggregator with 413. */
    static final int MAX_REQUEST_BYTES = 8 * 1024;

    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> channelClass;
    private final ChannelGroup channels = new DefaultChannelGroup("admin-http", GlobalEventExecutor.INSTANCE);
    private volatile Channel serverChannel;

    /**
     * @param port  the TCP port, or 0 for an ephemeral one (see {@link #localAddress()})
     * @param ready answers {@code /ready}; called on an event loop, so it must not block
     * @param group the event-loop group to run on; owned by the caller
     */
    public AdminServer(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready,
                       EventLoopGroup group, Class<? extends ServerChannel> channelClass) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.ready = Objects.requireNonNull(ready, "ready");
        this.group = Objects.requireNonNull(group, "group");
        this.channelClass = Objects.requireNonNull(channelClass, "channelClass");
    }

    /**
     * Binds and starts answering; returns once bound.
     *
     * @throws IllegalStateException naming the address and the cause if the port cannot be bound, or if
     *                               already started
     */
    public synchronized void start() {
        if (serverChannel != null) {
            throw new IllegalStateException("admin HTTP server already started on " + serverChannel.localAddress());
        }
        AdminHandler handler = new AdminHandler(registry, ready);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelClass)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                handler);
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IllegalStateException("admin HTTP server cannot bind " + host + ":" + port + ": "
                    + (cause == null ? "unknown error" : cause.getMessage()), cause);
        }
        serverChannel = bound.channel();
        channels.add(serverChannel);
    }

    /** The bound address; useful after binding port 0. */
    public InetSocketAddress localAddress() {
        Channel ch = serverChannel;
        if (ch == null) {
            throw new IllegalStateException("admin HTTP server not started");
        }
        return (InetSocketAddress) ch.localAddress();
    }

    /** Stops listening and closes open admin connections; waits for both. The event-loop group stays up. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        channels.close().awaitUninterruptibly();
    }
}
