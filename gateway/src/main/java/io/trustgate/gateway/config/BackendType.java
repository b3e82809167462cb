package io.trustgate.gateway.config;

import java.util.EnumSet;
import java.util.Set;

/** The kind of a backend, as written in YAML under {@code type:}, and the listener protocols it can serve. */
public enum BackendType {
    REDIS("redis", EnumSet.of(Protocol.REDIS)),
    REDIS_CLUSTER("redis-cluster", EnumSet.of(Protocol.REDIS)),
    EMBEDDED("embedded", EnumSet.of(Protocol.REDIS)),
    POSTGRES("postgres", EnumSet.of(Protocol.REDIS)),
    MARIADB("mariadb", EnumSet.of(Protocol.REDIS)),
    /** S3 objects as files under a directory (translators' filesystem blob store). */
    FILESYSTEM("filesystem", EnumSet.of(Protocol.S3)),
    /** S3 objects as block blobs in Azure Blob Storage (translators' Azure blob store). */
    AZURE("azure", EnumSet.of(Protocol.S3)),
    /** Passthrough to another S3-compatible endpoint (protocol-s3's passthrough blob store). */
    S3("s3", EnumSet.of(Protocol.S3));

    private final String id;
    private final Set<Protocol> serves;

    BackendType(String id, Set<Protocol> serves) {
        this.id = id;
        this.serves = serves;
    }

    /** The spelling used in YAML ({@code type: redis-cluster}). */
    public String id() {
        return id;
    }

    /** Whether a route from a listener of this protocol may target a backend of this type. */
    public boolean serves(Protocol protocol) {
        return serves.contains(protocol);
    }

    @Override
    public String toString() {
        return id;
    }
}
