package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file shipped under {@code examples/} must load and validate, so the docs never rot. */
class ExampleFilesTest {

    /** Surefire runs with the module directory as working directory; examples/ sits beside it. */
    private static final Path EXAMPLES = Path.of(System.getProperty("basedir", ".")).resolve("../examples")
            .normalize();

    @Test
    void everyExampleValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("redis-passthrough.yaml", "redis-cluster.yaml", "redis-prefix-routes.yaml");
        for (Path file : files) {
            TrustgateConfig config = ConfigLoader.load(file, Map.of());
            assertThat(config.listeners()).as(file.toString()).isNotEmpty();
            assertThat(config.source()).contains(file);
        }
    }

    @Test
    void passthroughExampleForwardsPort6380ToLocalRedis() {
        TrustgateConfig config = ConfigLoader.load(EXAMPLES.resolve("redis-passthrough.yaml"), Map.of());

        assertThat(config.listeners().get(0).port()).isEqualTo(6380);
        assertThat(config.routesFor("redis")).singleElement().satisfies(r ->
                assertThat(config.backend(r.backend())).isInstanceOfSatisfying(RedisBackendConfig.class,
                        b -> assertThat(b.address()).isEqualTo(new HostPort("127.0.0.1", 6379))));
    }

    @Test
    void clusterExampleSeedsThreeNodes() {
        TrustgateConfig config = ConfigLoader.load(EXAMPLES.resolve("redis-cluster.yaml"), Map.of());

        assertThat(config.backends()).singleElement().isInstanceOfSatisfying(RedisClusterBackendConfig.class,
                b -> assertThat(b.nodes()).extracting(HostPort::port).containsExactly(7000, 7001, 7002));
    }

    @Test
    void s3FilesystemExampleRoutesBucketsToDisks() {
        TrustgateConfig config = ConfigLoader.load(EXAMPLES.resolve("s3-filesystem.yaml"), Map.of());

        ListenerConfig s3 = config.listeners().get(0);
        assertThat(s3.protocol()).isEqualTo(Protocol.S3);
        assertThat(s3.port()).isEqualTo(9000);
        assertThat(s3.s3().credentials()).containsEntry("trustgate", "trustgate-secret");
        assertThat(s3.s3().defaultCredentials()).isFalse();
        assertThat(config.routesFor("s3")).extracting(r -> r.match().bucket()).containsExactly("tmp-*", null);
        assertThat(config.backend("disk")).isInstanceOf(FilesystemBackendConfig.class);
    }

    @Test
    void s3PassthroughExamplePointsAtALoopbackS3Proxy() {
        TrustgateConfig config = ConfigLoader.load(EXAMPLES.resolve("s3-passthrough.yaml"), Map.of());

        assertThat(config.backend("upstream")).isInstanceOfSatisfying(S3BackendConfig.class, b -> {
            assertThat(b.endpoint()).hasToString("http://127.0.0.1:9100");
            assertThat(b.accessKey()).isEqualTo("trustgate-s3proxy");
            assertThat(b.pathStyle()).isTrue();
            assertThat(b.maxConnections()).isEqualTo(128);
        });
        assertThat(config.routesFor("s3")).extracting(r -> r.match().bucket()).containsExactly("tmp-*", null);
    }

    @Test
    void prefixExampleSendsSessionsElsewhere() {
        TrustgateConfig config = ConfigLoader.load(EXAMPLES.resolve("redis-prefix-routes.yaml"), Map.of());

        assertThat(config.routesFor("redis")).extracting(RouteConfig::keyPrefix).containsExactly("session:", null);
        assertThat(config.routesFor("redis")).extracting(RouteConfig::backend).doesNotHaveDuplicates();
    }
}
