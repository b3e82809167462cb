package io.trustgate.translators.redis.differential;

/** {@link DifferentialTests} on the embedded engine (in memory). */
class EmbeddedDifferentialIT extends DifferentialTests {

    @Override
    Backend backend() {
        return Backend.EMBEDDED;
    }
}
