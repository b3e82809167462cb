package io.trustgate.compat.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of every compat test class: one gateway, with a listener per target, started before the class's tests
 * and closed after them. Test classes run one after another, so the shared field is never used by two at once.
 */
abstract class GatewayTest {

    static GatewayFixture gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }
}
