package io.trustgate.redis.passthrough;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Checks for the real servers integration tests need. They never skip: a missing server fails the test. */
final class RedisServers {

    private RedisServers() {
    }

    static void requireLocalRedis() {
        require(6379, "Redis on 127.0.0.1:6379 (start it as DEVELOPERS.md says, or run .ci/run)");
    }

    static void require(int port, String what) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException e) {
            throw new IllegalStateException("integration test needs " + what + ": " + e.getMessage(), e);
        }
    }
}
