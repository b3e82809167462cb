package io.trustgate.gateway.capabilities;

import io.trustgate.gateway.config.BackendConfig;
import io.trustgate.gateway.config.BackendType;
import io.trustgate.gateway.config.TrustgateConfig;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.passthrough.ClusterTarget;
import io.trustgate.redis.passthrough.StandaloneTarget;
import io.trustgate.redis.route.BackendProfile;
import io.trustgate.redis.route.BackendProfile.Answer;
import io.trustgate.redis.route.KeyspaceTarget;
import io.trustgate.translators.redis.embedded.InMemoryKeyspaceEngine;
import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The command × backend matrix: one column per backend (a kind, or a configured backend), one row per command
 * form, each cell the backend's {@link Answer}. Every answer comes from the declarations in code
 * ({@link BackendProfile}); nothing here decides one. Immutable.
 */
final class CompatibilityMatrix {

    /** One backend column: its header, what it is, and its declared answers. */
    record Column(String name, String description, BackendProfile profile) {
    }

    private final List<Column> columns;
    private final List<String> rows;

    private CompatibilityMatrix(List<Column> columns, List<String> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    /** One column per backend type trustgate knows, in {@link BackendType} order. */
    static CompatibilityMatrix ofKinds() {
        List<Column> columns = new ArrayList<>();
        for (BackendType type : BackendType.values()) {
            if (!type.serves(io.trustgate.gateway.config.Protocol.REDIS)) {
                continue;
            }
            columns.add(new Column(type.id(), describe(type), BackendProfile.of(type.id(), declaration(type,
                    type.id()))));
        }
        return of(columns);
    }

    /** One column per backend of {@code config}, headed by its configured name. */
    static CompatibilityMatrix ofConfig(TrustgateConfig config) {
        List<Column> columns = new ArrayList<>();
        for (BackendConfig backend : config.backends()) {
            if (!backend.type().serves(io.trustgate.gateway.config.Protocol.REDIS)) {
                continue;
            }
            columns.add(new Column(backend.name(), "a `" + backend.type().id() + "` backend: " + describe(
                    backend.type()), BackendProfile.of(backend.name(), declaration(backend.type(), backend.name()))));
        }
        return of(columns);
    }

    private static CompatibilityMatrix of(List<Column> columns) {
        return new CompatibilityMatrix(columns,
                BackendProfile.forms(columns.stream().map(Column::profile).toList()));
    }

    /**
     * The declaration of a backend type. Exhaustive on purpose: a new {@link BackendType} does not compile until
     * it says where its declaration is, so it joins {@code docs/compatibility.md} the day it exists. Builds
     * nothing that runs: the embedded engine is created without its expiry sweep and closed at once (its
     * declaration needs only its capability set).
     */
    static BackendProfile.Declaration declaration(BackendType type, String name) {
        return switch (type) {
            case REDIS -> StandaloneTarget.declaration();
            case REDIS_CLUSTER -> ClusterTarget.declaration();
            case EMBEDDED -> {
                try (InMemoryKeyspaceEngine engine = new InMemoryKeyspaceEngine(
                        InMemoryKeyspaceEngine.DEFAULT_DATABASES, System::currentTimeMillis, Duration.ZERO)) {
                    yield new KeyspaceTarget(name, new KeyspaceCommandExecutor(name, engine)).declaration();
                }
            }
            case POSTGRES, MARIADB -> new KeyspaceTarget(name, new KeyspaceCommandExecutor(name,
                    SqlKeyspaceEngine.unconnected(type == BackendType.POSTGRES ? SqlKeyspaceEngine.Kind.POSTGRES
                            : SqlKeyspaceEngine.Kind.MARIADB))).declaration();
            case FILESYSTEM, AZURE, S3 -> throw new IllegalArgumentException("not a Redis backend: " + type);
        };
    }

    private static String describe(BackendType type) {
        return switch (type) {
            case REDIS -> "passthrough to one Redis server";
            case REDIS_CLUSTER -> "passthrough to a Redis Cluster, which clients see as one server: a command "
                    + "goes to the master of its keys' slot (MOVED and ASK are followed inside the gateway), a "
                    + "command without keys to the first master, so INFO, CONFIG or TIME show that node";
            case EMBEDDED -> "trustgate's own keyspace, in memory";
            case POSTGRES -> "Redis data in PostgreSQL tables, readable with SQL (docs/redis-on-sql.md)";
            case MARIADB -> "Redis data in MariaDB tables, readable with SQL (docs/redis-on-sql.md)";
            case FILESYSTEM -> "S3 objects as files under a directory (docs/s3.md)";
            case AZURE -> "S3 objects as block blobs in Azure Blob Storage (docs/s3-azure.md)";
            case S3 -> "passthrough to another S3-compatible endpoint (docs/s3-passthrough.md)";
        };
    }

    List<Column> columns() {
        return columns;
    }

    List<String> rows() {
        return rows;
    }

    /**
     * This matrix with only the column named {@code name} (any case).
     *
     * @throws IllegalArgumentException naming the columns there are, when none is called so
     */
    CompatibilityMatrix onlyBackend(String name) {
        List<Column> kept = columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no backend '" + name + "'; expected one of: "
                    + columns.stream().map(Column::name).collect(Collectors.joining(", ")));
        }
        return new CompatibilityMatrix(kept, rows);
    }

    /**
     * This matrix with only the rows of command {@code name} (any case): the command and its argument forms
     * ({@code hello} gives {@code HELLO} and {@code HELLO 3}), or one form with its arguments, answered as the
     * declarations answer it even when it is not a row of its own ({@code "select 5"}, {@code "script exists"}).
     *
     * @throws IllegalArgumentException when Redis 7.0 has no such command
     */
    CompatibilityMatrix onlyCommand(String name) {
        String wanted = name.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (wanted.isEmpty() || BackendProfile.group(wanted) == null) {
            throw new IllegalArgumentException("no command '" + name.trim() + "' in Redis 7.0");
        }
        if (wanted.contains(" ")) {
            return new CompatibilityMatrix(columns, List.of(wanted));
        }
        return new CompatibilityMatrix(columns,
                rows.stream().filter(r -> r.equals(wanted) || r.startsWith(wanted + " ")).toList());
    }
}
