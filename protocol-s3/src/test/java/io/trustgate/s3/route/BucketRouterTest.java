package io.trustgate.s3.route;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BucketRouterTest {

    @Test
    void firstMatchingPatternWins() {
        BucketRouter router = new BucketRouter(List.of(
                new BucketRouter.Route("logs", "logs-*", "a", null),
                new BucketRouter.Route("exact", "photos", "b", null),
                new BucketRouter.Route("one", "x?z", "c", null)));
        assertThat(router.route("logs-2026").backendName()).isEqualTo("a");
        assertThat(router.route("photos").backendName()).isEqualTo("b");
        assertThat(router.route("photos2")).isNull();
        assertThat(router.route("xyz").backendName()).isEqualTo("c");
        assertThat(router.route("x.z").backendName()).isEqualTo("c");
        assertThat(router.route("logs")).isNull();
    }

    @Test
    void regexCharactersInPatternsAreLiteral() {
        BucketRouter router = new BucketRouter(List.of(new BucketRouter.Route("d", "a.b", "a", null)));
        assertThat(router.route("a.b")).isNotNull();
        assertThat(router.route("axb")).isNull();
    }
}
