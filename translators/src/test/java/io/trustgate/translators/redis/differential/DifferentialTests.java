package io.trustgate.translators.redis.differential;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests: the hand-written scripts of {@link DifferentialScripts} (every data type, TTLs, WRONGTYPE,
 * deletion of emptied keys, MULTI/EXEC/WATCH, the RESP3 reply shapes) run against the real Redis on 6379 and
 * against one backend through a gateway listener by {@link DifferentialRunner}, once in RESP2 and once after
 * {@code HELLO 3}; every reply must be byte-identical, except where Redis leaves order or choice unspecified
 * (SMEMBERS, HGETALL, SPOP...: compared as multisets or by shape, as the script line says) and where the
 * backend's capability declaration says otherwise. Subclasses pick the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DifferentialTests {

    private Backend.Gateway gateway;
    private DifferentialRunner resp2;
    private DifferentialRunner resp3;

    abstract Backend backend();

    @BeforeAll
    void connect() throws IOException {
        gateway = backend().open();
        resp2 = new DifferentialRunner(gateway, 2);
        resp3 = new DifferentialRunner(gateway, 3);
    }

    @AfterAll
    void close() throws IOException {
        if (resp2 != null) {
            resp2.close();
        }
        if (resp3 != null) {
            resp3.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> scriptsInResp2() {
        return scripts(resp2);
    }

    @TestFactory
    Stream<DynamicTest> scriptsInResp3() {
        return scripts(resp3);
    }

    private static Stream<DynamicTest> scripts(DifferentialRunner runner) {
        return DifferentialScripts.ALL.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertThat(runner.run(e.getKey(), e.getValue())).as("replies that differ from Redis's")
                        .isEmpty()));
    }
}
