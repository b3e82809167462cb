package io.trustgate.translators.redis.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests: the hand-written scripts of {@link DifferentialScripts} (every data type, TTLs, WRONGTYPE,
 * deletion of emptied keys, MULTI batches through {@code execAtomically}) run against the real Redis on 6379 and
 * against the embedded engine by {@link DifferentialRunner}; every reply must be byte-identical, except where
 * Redis leaves order or choice unspecified (SMEMBERS, HGETALL, SPOP...: compared as multisets or by shape, as the
 * script line says).
 */
class DifferentialIT {

    private static DifferentialRunner runner;

    @BeforeAll
    static void connect() throws IOException {
        runner = new DifferentialRunner();
    }

    @AfterAll
    static void close() throws IOException {
        if (runner != null) {
            runner.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> scripts() {
        return DifferentialScripts.ALL.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertThat(runner.run(e.getKey(), e.getValue())).as("replies that differ from Redis's")
                        .isEmpty()));
    }
}
