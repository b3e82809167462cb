package io.trustgate.translators.redis.differential;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.trustgate.redis.RedisFrontend;
import io.trustgate.redis.RedisListenerSettings;
import io.trustgate.redis.codec.RespLimits;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.route.KeyspaceTarget;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.translators.redis.embedded.InMemoryKeyspaceEngine;
import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;
import org.jdbi.v3.core.Jdbi;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The keyspace backends the differential tests run against, each behind a real gateway listener on an ephemeral
 * port (RedisFrontend, KeyspaceTarget, KeyspaceCommandExecutor: the whole path a client takes). The SQL backends
 * use the shared databases of DEVELOPERS.md under a table prefix of their own ({@code dft<random>_}), dropped when
 * the gateway closes; a database that is not running fails the test.
 */
enum Backend {
    EMBEDDED("embedded", null, null),
    POSTGRES("postgres", "jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root");

    final String name;
    private final String url;
    private final String user;

    Backend(String name, String url, String user) {
        this.name = name;
        this.url = url;
        this.user = user;
    }

    /** A gateway listener on this backend, fresh tables included. */
    Gateway open() {
        String prefix = "dft" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                .toLowerCase(Locale.ROOT) + "_";
        KeyspaceEngine engine = switch (this) {
            case EMBEDDED -> new InMemoryKeyspaceEngine(16, System::currentTimeMillis, Duration.ZERO);
            case POSTGRES -> new SqlKeyspaceEngine(SqlKeyspaceEngine.Kind.POSTGRES, url, user, "", 4, prefix,
                    System::currentTimeMillis, Duration.ZERO);
            case MARIADB -> new SqlKeyspaceEngine(SqlKeyspaceEngine.Kind.MARIADB, url, user, "", 4, prefix,
                    System::currentTimeMillis, Duration.ZERO);
        };
        return new Gateway(this, engine, prefix);
    }

    /** One running listener and its engine. */
    static final class Gateway implements AutoCloseable {

        final Backend backend;
        final int port;
        private final KeyspaceEngine engine;
        private final String tablePrefix;
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        private final KeyspaceTarget target;
        private final Channel server;

        private Gateway(Backend backend, KeyspaceEngine engine, String tablePrefix) {
            this.backend = backend;
            this.engine = engine;
            this.tablePrefix = tablePrefix;
            this.target = new KeyspaceTarget(backend.name, new KeyspaceCommandExecutor(backend.name, engine));
            RedisFrontend frontend = new RedisFrontend(new RedisListenerSettings("differential", null,
                    RespLimits.DEFAULT), List.of(new RedisRouter.Route(null, null, target)), new SimpleMeterRegistry());
            this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(frontend.channelInitializer())
                    .bind("127.0.0.1", 0).syncUninterruptibly().channel();
            this.port = ((InetSocketAddress) server.localAddress()).getPort();
        }

        /** What the backend declares, with blocking added as the gateway adds it to every keyspace target. */
        Set<Capability> capabilities() {
            java.util.EnumSet<Capability> all = java.util.EnumSet.copyOf(engine.capabilities());
            all.add(Capability.BLOCKING);
            return all;
        }

        @Override
        public void close() {
            server.close().syncUninterruptibly();
            target.close();
            engine.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            if (backend.url != null) {
                dropTables();
            }
        }

        private void dropTables() {
            Jdbi.create(backend.url, backend.user, "").useHandle(h -> {
                if (backend == MARIADB) {
                    h.execute("SET FOREIGN_KEY_CHECKS = 0");
                }
                String schema = backend == POSTGRES ? "public" : "test";
                List<String> views = h.createQuery("SELECT table_name FROM information_schema.tables WHERE"
                                + " table_schema = :s AND table_type = 'VIEW' AND table_name LIKE :p")
                        .bind("s", schema).bind("p", tablePrefix + "%").mapTo(String.class).list();
                for (String v : views) {
                    h.execute("DROP VIEW IF EXISTS " + v);
                }
                List<String> tables = h.createQuery("SELECT table_name FROM information_schema.tables WHERE"
                                + " table_schema = :s AND table_type <> 'VIEW' AND table_name LIKE :p")
                        .bind("s", schema).bind("p", tablePrefix + "%").mapTo(String.class).list();
                for (String t : tables) {
                    h.execute("DROP TABLE IF EXISTS " + t + (backend == POSTGRES ? " CASCADE" : ""));
                }
            });
        }
    }
}
