package io.trustgate.gateway.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.trustgate.gateway.admin.AdminServer;
import io.trustgate.gateway.config.ListenerConfig;
import io.trustgate.gateway.config.Protocol;
import io.trustgate.gateway.config.RedisListenerOptions;
import io.trustgate.gateway.config.RouteConfig;
import io.trustgate.gateway.config.TrustgateConfig;
import io.trustgate.redis.RedisFrontend;
import io.trustgate.redis.RedisListenerSettings;
import io.trustgate.redis.codec.RespLimits;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.s3.S3Frontend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One running trustgate: the shared event loops, a backend target per configured backend, a listener per
 * configured listener, and the admin port. {@link #start()} binds everything or fails; {@link #close()} stops
 * accepting, lets in-flight commands finish within the configured grace, then closes clients and backends.
 */
public final class TrustgateServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrustgateServer.class);

    private final TrustgateConfig config;
    private final MeterRegistry registry;
    private final Transport transport = Transport.detect();
    private final EventLoopGroup group;
    private final ChannelGroup serverChannels = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup clientChannels = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final List<RedisFrontend> frontends = new ArrayList<>();
    private final List<S3Frontend> s3Frontends = new ArrayList<>();
    private final java.util.Map<String, Channel> listenerChannels = new java.util.concurrent.ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private BackendTargets backends;
    private BlobStores blobStores;
    private AdminServer admin;
    private volatile boolean started;
    private volatile boolean closing;

    public TrustgateServer(TrustgateConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.group = transport.newGroup(config.eventLoopThreads());
    }

    public synchronized void start() {
        try {
            backends = new BackendTargets(config.backends(), group, transport, registry);
            blobStores = new BlobStores(config.backends());
            for (ListenerConfig listener : config.listeners()) {
                bind(listener);
            }
            if (config.admin() != null) {
                PrometheusMeterRegistry prometheus = registry instanceof PrometheusMeterRegistry p ? p
                        : new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
                admin = new AdminServer(config.admin().host(), config.admin().port(), prometheus, this::isReady,
                        group, transport.serverChannel());
                admin.start();
                log.info("admin listening on {}:{} (/health /ready /metrics)", config.admin().host(),
                        config.admin().port());
            }
            started = true;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void bind(ListenerConfig listener) {
        if (listener.protocol() == Protocol.S3) {
            S3Frontend frontend = S3Listeners.frontend(listener, config.routesFor(listener.name()), blobStores,
                    registry);
            s3Frontends.add(frontend);
            serve(listener, frontend.channelInitializer(), frontend.router().routes().size());
            return;
        }
        RedisListenerOptions options = listener.redis();
        RedisListenerSettings settings = new RedisListenerSettings(listener.name(), options.password(),
                new RespLimits(options.maxBulkLength(), options.maxArrayLength(), options.maxInlineLength()));
        List<RedisRouter.Route> routes = new ArrayList<>();
        for (RouteConfig route : config.routesFor(listener.name())) {
            routes.add(new RedisRouter.Route(route.keyPrefix(), route.db(), backends.get(route.backend())));
        }
        RedisFrontend frontend = new RedisFrontend(settings, routes, registry);
        frontends.add(frontend);
        serve(listener, frontend.channelInitializer(), routes.size(), clientLoops(group, routes));
    }

    /**
     * Where a Redis listener's clients live: all on one event loop when every route runs its commands inline under
     * one engine-wide lock (the embedded engine), as Redis serves every client on one thread; two loops would only
     * take turns on that lock, and one of them, parked while the other holds it, waits for the scheduler (the p99
     * of docs/embedded-engine.md). Otherwise spread over the whole group. {@code -Dtrustgate.redis.inlineOneLoop=false}
     * spreads them always (for A/B measurements).
     */
    static EventLoopGroup clientLoops(EventLoopGroup group, List<RedisRouter.Route> routes) {
        boolean oneLoop = !routes.isEmpty() && !"false".equals(System.getProperty("trustgate.redis.inlineOneLoop"))
                && routes.stream().allMatch(r -> r.target().runsInlineUnderOneLock());
        return oneLoop ? group.next() : group;
    }

    private void serve(ListenerConfig listener, io.netty.channel.ChannelInitializer<Channel> initializer,
                       int routeCount) {
        serve(listener, initializer, routeCount, group);
    }

    private void serve(ListenerConfig listener, io.netty.channel.ChannelInitializer<Channel> initializer,
                       int routeCount, EventLoopGroup children) {
        Channel server;
        try {
            server = new ServerBootstrap()
                    .group(group, children)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new io.netty.channel.ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            clientChannels.add(ch);
                            ch.pipeline().addLast(initializer);
                        }
                    })
                    .bind(listener.host(), listener.port())
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            throw new IllegalStateException("listener '" + listener.name() + "' cannot bind " + listener.host() + ":"
                    + listener.port() + ": " + e.getMessage(), e);
        }
        serverChannels.add(server);
        listenerChannels.put(listener.name(), server);
        log.info("{} listener '{}' on {} ({} routes, {} transport)", listener.protocol(), listener.name(),
                server.localAddress(), routeCount, transport.name());
    }

    /** The admin port actually bound (useful with port 0 in tests); -1 without admin. */
    public int adminPort() {
        return admin == null ? -1 : admin.localAddress().getPort();
    }

    /** The port a listener is bound to (useful with port 0 in tests). */
    public int port(String listenerName) {
        Channel server = listenerChannels.get(listenerName);
        if (server == null) {
            throw new IllegalArgumentException("no listener named '" + listenerName + "'");
        }
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Listeners bound and every backend reachable. */
    public boolean isReady() {
        return started && !closing && backends != null && backends.allReady()
                && listenerChannels.values().stream().allMatch(Channel::isActive);
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            serverChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
            while (System.nanoTime() - deadline < 0 && (frontends.stream().anyMatch(f -> f.pendingReplies() > 0)
                    || s3Frontends.stream().anyMatch(f -> f.inFlight() > 0))) {
                Thread.sleep(20);
            }
            clientChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (backends != null) {
                backends.close();
            }
            if (blobStores != null) {
                blobStores.close();
            }
            if (admin != null) {
                admin.close();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            closed.countDown();
            log.info("trustgate stopped");
        }
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }
}
