package io.trustgate.translators.redis.differential;

/** {@link DifferentialProperties} on the embedded engine (in memory). */
class EmbeddedDifferentialPropertyIT extends DifferentialProperties {

    @Override
    Backend backend() {
        return Backend.EMBEDDED;
    }
}
