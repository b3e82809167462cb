package io.trustgate.gateway.config;

import java.util.Arrays;
import java.util.Optional;

/** The wire protocol a listener speaks. PostgreSQL and the private API join later. */
public enum Protocol {
    REDIS("redis"),
    S3("s3");

    private final String id;

    Protocol(String id) {
        this.id = id;
    }

    /** The spelling used in YAML ({@code protocol: redis}). */
    public String id() {
        return id;
    }

    static Optional<Protocol> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
