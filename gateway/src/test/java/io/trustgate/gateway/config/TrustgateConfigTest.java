package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustgateConfigTest {

    private static final ListenerConfig REDIS = new ListenerConfig("a", Protocol.REDIS, "127.0.0.1", 6380,
            RedisListenerOptions.DEFAULTS);
    private static final ListenerConfig OTHER = new ListenerConfig("b", Protocol.REDIS, "127.0.0.1", 6381,
            RedisListenerOptions.DEFAULTS);

    @Test
    void routesForReturnsOneListenersRoutesInOrder() {
        RouteConfig first = new RouteConfig("a", new RouteMatch("x:", null), new RouteTarget("mem"));
        RouteConfig other = new RouteConfig("b", RouteMatch.ANY, new RouteTarget("mem"));
        RouteConfig last = new RouteConfig("a", RouteMatch.ANY, new RouteTarget("mem"));
        TrustgateConfig config = config(List.of(first, other, last));

        assertThat(config.routesFor("a")).containsExactly(first, last);
        assertThat(config.routesFor("nope")).isEmpty();
    }

    @Test
    void backendLookupFailsClearlyForUnknownNames() {
        TrustgateConfig config = config(List.of());

        assertThat(config.backend("mem")).isEqualTo(new EmbeddedBackendConfig("mem"));
        assertThatThrownBy(() -> config.backend("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no backend named 'nope'");
    }

    @Test
    void constructorRejectsRoutesToUnknownBackends() {
        List<RouteConfig> routes = List.of(new RouteConfig("a", RouteMatch.ANY, new RouteTarget("ghost")));

        assertThatThrownBy(() -> config(routes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend 'ghost'");
    }

    @Test
    void isImmutable() {
        List<ListenerConfig> listeners = new ArrayList<>(List.of(REDIS));
        TrustgateConfig config = new TrustgateConfig(new AdminConfig("127.0.0.1", 9090), Duration.ZERO, listeners,
                List.of(new EmbeddedBackendConfig("mem")), List.of(), null);
        listeners.add(OTHER);

        assertThat(config.listeners()).containsExactly(REDIS);
        assertThatThrownBy(() -> config.listeners().add(OTHER)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(config.source()).isEmpty();
    }

    private static TrustgateConfig config(List<RouteConfig> routes) {
        return new TrustgateConfig(new AdminConfig("127.0.0.1", 9090), Duration.ofSeconds(1),
                List.of(REDIS, OTHER), List.of(new EmbeddedBackendConfig("mem")), routes, null);
    }
}
