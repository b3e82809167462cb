package io.trustgate.gateway.config;

import java.util.Objects;

/**
 * Redis served from PostgreSQL ({@code type: postgres}) or MariaDB ({@code type: mariadb}) tables, created on
 * first use (see docs/redis-on-sql.md).
 *
 * @param type        {@link BackendType#POSTGRES} or {@link BackendType#MARIADB}
 * @param url         JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}
 * @param username    database user
 * @param password    database password, may be empty
 * @param poolSize    worker threads and pooled connections for Redis commands (one more serves the expiry sweep)
 * @param tablePrefix prefix of every table and view, {@code [a-z][a-z0-9_]*}
 */
public record SqlBackendConfig(String name, BackendType type, String url, String username, String password,
                               int poolSize, String tablePrefix) implements BackendConfig {

    public static final int DEFAULT_POOL_SIZE = 8;
    public static final String DEFAULT_TABLE_PREFIX = "redis_";

    public SqlBackendConfig {
        Objects.requireNonNull(name, "name");
        if (type != BackendType.POSTGRES && type != BackendType.MARIADB) {
            throw new IllegalArgumentException("not a SQL backend type: " + type);
        }
        Objects.requireNonNull(url, "url");
        password = password == null ? "" : password;
    }

    /** What the JDBC URL must start with for this type. */
    public static String urlScheme(BackendType type) {
        return type == BackendType.POSTGRES ? "jdbc:postgresql:" : "jdbc:mariadb:";
    }
}
