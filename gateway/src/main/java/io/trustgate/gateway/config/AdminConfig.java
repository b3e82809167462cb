package io.trustgate.gateway.config;

import java.util.Objects;

/** Where the admin HTTP server (health, readiness, Prometheus metrics) binds. Defaults to 127.0.0.1:9090. */
public record AdminConfig(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9090;

    public AdminConfig {
        Objects.requireNonNull(host, "host");
    }
}
