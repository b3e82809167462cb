package io.trustgate.redis.route;

import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.session.ReplySlot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisRouterTest {

    private final Target main = new Target("main");
    private final Target sessions = new Target("sessions");
    private final Target reports = new Target("reports");
    private final Target archive = new Target("archive");
    private final RedisRouter router = new RedisRouter(List.of(
            new RedisRouter.Route(null, null, main),
            new RedisRouter.Route("session:", null, sessions),
            new RedisRouter.Route("session:admin:", null, archive),
            new RedisRouter.Route(null, 3, reports)));

    private RouteTarget route(int db, String... args) {
        RespRequest r = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            CommandSpec spec = CommandTable.standard().lookup(r);
            return router.route(db, r, spec);
        } finally {
            r.release();
        }
    }

    @Test
    void longestPrefixWins() {
        assertThat(route(0, "GET", "session:1")).isSameAs(sessions);
        assertThat(route(0, "GET", "session:admin:1")).isSameAs(archive);
        assertThat(route(0, "GET", "user:1")).isSameAs(main);
    }

    @Test
    void dbSpecificDefaultBeatsAnyDbDefault() {
        assertThat(route(3, "GET", "user:1")).isSameAs(reports);
        assertThat(route(3, "GET", "session:1")).isSameAs(sessions);
        assertThat(route(3, "DBSIZE")).isSameAs(reports);
        assertThat(route(0, "DBSIZE")).isSameAs(main);
    }

    @Test
    void keysOnOneBackendRouteThere() {
        assertThat(route(0, "MGET", "session:1", "session:2")).isSameAs(sessions);
        assertThat(route(0, "EVAL", "return 1", "2", "session:a", "session:b", "arg")).isSameAs(sessions);
        assertThat(route(0, "XREAD", "COUNT", "1", "STREAMS", "session:s", "0")).isSameAs(sessions);
    }

    @Test
    void keysSpanningBackendsAreRefused() {
        assertThatThrownBy(() -> route(0, "MGET", "session:1", "user:1"))
                .isInstanceOf(RedisRouter.RouteException.class)
                .hasMessageContaining("span backends 'sessions' and 'main'");
        assertThatThrownBy(() -> route(0, "RENAME", "user:1", "session:1"))
                .hasMessageContaining("span backends");
    }

    @Test
    void unknownCommandsTakeTheDefaultRoute() {
        assertThat(route(0, "NEWCOMMAND", "session:1")).isSameAs(main);
    }

    @Test
    void selectNamesTheRouteForMetrics() {
        RespRequest r = RespRequest.of(ByteBufAllocator.DEFAULT, "GET", "session:admin:1");
        try {
            RedisRouter.Route route = router.route(router.select(0, r, CommandTable.standard().lookup(r)));
            assertThat(route.target()).isSameAs(archive);
            assertThat(route.label()).isEqualTo("session:admin:*");
        } finally {
            r.release();
        }
        assertThat(router.route(router.defaultRoute(3)).label()).isEqualTo("db3");
        assertThat(router.route(router.defaultRoute(0)).label()).isEqualTo("default");
        assertThat(new RedisRouter.Route("a:", 2, main).label()).isEqualTo("a:*@db2");
    }

    @Test
    void aDbWithoutRoutesIsNotServed() {
        RedisRouter only3 = new RedisRouter(List.of(new RedisRouter.Route(null, 3, reports)));
        assertThat(only3.servesDb(3)).isTrue();
        assertThat(only3.servesDb(0)).isFalse();
        assertThat(router.servesDb(15)).isTrue();
    }

    @Test
    void singleDefaultRouteSkipsKeyInspection() {
        RedisRouter single = new RedisRouter(List.of(new RedisRouter.Route(null, null, main)));
        RespRequest r = RespRequest.of(ByteBufAllocator.DEFAULT, "MGET", "a", "b");
        try {
            assertThat(single.route(0, r, CommandTable.standard().lookup(r))).isSameAs(main);
        } finally {
            r.release();
        }
    }

    /** A target that only has a name; routing never calls anything else. */
    private static final class Target implements RouteTarget {
        private final int id = IDS.getAndIncrement();
        private final String name;

        Target(String name) {
            this.name = name;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String backendName() {
            return name;
        }

        @Override
        public void execute(ClientSession c, RespRequest r, CommandSpec s, ReplySlot slot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void exec(ClientSession c, List<RespRequest> q, ReplySlot slot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void watch(ClientSession c, RespRequest r, ReplySlot slot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unwatch(ClientSession c) {
        }

        @Override
        public String relayUnsupportedReason(RespRequest r) {
            return "test";
        }

        @Override
        public void relay(ClientSession c, RespRequest r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clientClosed(ClientSession c) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
