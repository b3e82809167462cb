package io.trustgate.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code backends:} half of {@link ConfigValidator}: defaults, addresses, timeouts and pool sizes of each
 * backend type. Problems go to the owning validator, which reports them all together.
 */
final class BackendValidator {

    private final ConfigValidator owner;

    BackendValidator(ConfigValidator owner) {
        this.owner = owner;
    }

    List<BackendConfig> all(List<ConfigDocument.Backend> raw) {
        List<ConfigDocument.Backend> list = owner.required(raw, "backends",
                "a list of backends with name and type");
        List<BackendConfig> result = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = FieldPath.item("backends", i);
            ConfigDocument.Backend b = list.get(i);
            if (b == null) {
                owner.problem(path, "empty item; expected a mapping with name and type");
                names.add(null);
                continue;
            }
            boolean named = owner.validName(b.name(), FieldPath.field(path, "name"));
            names.add(named ? b.name() : null);
            BackendConfig built = one(b, path);
            if (named) {
                result.add(built);
            }
        }
        owner.checkUnique("backends", names);
        return result;
    }

    /** name → type of every named backend, first occurrence wins. */
    Map<String, BackendType> typesByName(List<ConfigDocument.Backend> raw) {
        Map<String, BackendType> types = new LinkedHashMap<>();
        if (raw != null) {
            for (ConfigDocument.Backend b : raw) {
                if (b != null && b.name() != null) {
                    types.putIfAbsent(b.name(), typeOf(b));
                }
            }
        }
        return types;
    }

    private static BackendType typeOf(ConfigDocument.Backend b) {
        if (b instanceof ConfigDocument.RedisBackend) {
            return BackendType.REDIS;
        }
        if (b instanceof ConfigDocument.ClusterBackend) {
            return BackendType.REDIS_CLUSTER;
        }
        if (b instanceof ConfigDocument.PostgresBackend) {
            return BackendType.POSTGRES;
        }
        if (b instanceof ConfigDocument.MariaDbBackend) {
            return BackendType.MARIADB;
        }
        if (b instanceof ConfigDocument.FilesystemBackend) {
            return BackendType.FILESYSTEM;
        }
        if (b instanceof ConfigDocument.AzureBackend) {
            return BackendType.AZURE;
        }
        if (b instanceof ConfigDocument.S3Backend) {
            return BackendType.S3;
        }
        return BackendType.EMBEDDED;
    }

    private BackendConfig one(ConfigDocument.Backend b, String path) {
        if (b instanceof ConfigDocument.RedisBackend r) {
            HostPort address = null;
            if (r.address() == null) {
                owner.problem(FieldPath.field(path, "address"), "missing; " + Units.ADDRESS_EXPECTED
                        + ", e.g. 127.0.0.1:6379");
            } else {
                address = address(r.address(), FieldPath.field(path, "address"));
            }
            Common c = common(path, r.username(), r.connectTimeout(), r.commandTimeout(), r.connections());
            return new RedisBackendConfig(r.name(), address == null ? new HostPort("invalid", 0) : address,
                    c.username, r.password(), c.connectTimeout, c.commandTimeout, c.connections);
        }
        if (b instanceof ConfigDocument.ClusterBackend r) {
            String nodesPath = FieldPath.field(path, "nodes");
            List<String> rawNodes = owner.required(r.nodes(), nodesPath, "a list of seed nodes as host:port");
            List<HostPort> nodes = new ArrayList<>();
            for (int i = 0; i < rawNodes.size(); i++) {
                String nodePath = FieldPath.item(nodesPath, i);
                if (rawNodes.get(i) == null) {
                    owner.problem(nodePath, "empty item; " + Units.ADDRESS_EXPECTED);
                    continue;
                }
                HostPort node = address(rawNodes.get(i), nodePath);
                if (node != null) {
                    nodes.add(node);
                }
            }
            Common c = common(path, r.username(), r.connectTimeout(), r.commandTimeout(), r.connections());
            return new RedisClusterBackendConfig(r.name(), nodes, c.username, r.password(), c.connectTimeout,
                    c.commandTimeout, c.connections);
        }
        if (b instanceof ConfigDocument.PostgresBackend p) {
            return sql(BackendType.POSTGRES, p.name(), p.url(), p.username(), p.password(), p.poolSize(),
                    p.tablePrefix(), path);
        }
        if (b instanceof ConfigDocument.MariaDbBackend m) {
            return sql(BackendType.MARIADB, m.name(), m.url(), m.username(), m.password(), m.poolSize(),
                    m.tablePrefix(), path);
        }
        if (b instanceof ConfigDocument.FilesystemBackend f) {
            return filesystem(f, path);
        }
        if (b instanceof ConfigDocument.AzureBackend a) {
            return azure(a, path);
        }
        if (b instanceof ConfigDocument.S3Backend s) {
            return new S3BackendValidator(owner).validate(s, path);
        }
        return embedded((ConfigDocument.EmbeddedBackend) b, path);
    }

    private FilesystemBackendConfig filesystem(ConfigDocument.FilesystemBackend f, String path) {
        String fsync = f.fsync() == null ? FilesystemBackendConfig.DEFAULT_FSYNC : f.fsync();
        if (!java.util.List.of("always", "no").contains(fsync)) {
            owner.problem(FieldPath.field(path, "fsync"), "expected one of: always, no");
            fsync = FilesystemBackendConfig.DEFAULT_FSYNC;
        }
        java.nio.file.Path directory = FilesystemBackendConfig.defaultDirectory();
        if (f.directory() != null) {
            if (f.directory().isBlank()) {
                owner.problem(FieldPath.field(path, "directory"), "empty; expected a directory path such as ./data/s3");
            } else {
                directory = java.nio.file.Path.of(f.directory());
            }
        }
        return new FilesystemBackendConfig(f.name() == null ? "invalid" : f.name(), directory, fsync);
    }

    /** Either {@code connectionString}, or all of {@code accountName}, {@code accountKey} and {@code endpoint}. */
    private AzureBackendConfig azure(ConfigDocument.AzureBackend a, String path) {
        String name = a.name() == null ? "invalid" : a.name();
        boolean anyAccount = a.accountName() != null || a.accountKey() != null || a.endpoint() != null;
        if (a.connectionString() != null) {
            if (anyAccount) {
                owner.problem(FieldPath.field(path, "connectionString"), "given together with accountName/"
                        + "accountKey/endpoint; expected one or the other");
            } else if (!a.connectionString().contains("AccountName=")
                    || !a.connectionString().contains("AccountKey=")) {
                owner.problem(FieldPath.field(path, "connectionString"), "expected an Azure Storage connection "
                        + "string with AccountName=...;AccountKey=...");
            }
            return new AzureBackendConfig(name, a.connectionString());
        }
        if (!anyAccount) {
            owner.problem(FieldPath.field(path, "connectionString"), "missing; expected an Azure Storage "
                    + "connection string, or accountName, accountKey and endpoint");
            return new AzureBackendConfig(name, "");
        }
        if (a.accountName() == null || !a.accountName().matches("[a-z0-9]{3,24}")) {
            owner.problem(FieldPath.field(path, "accountName"), (a.accountName() == null ? "missing"
                    : "'" + a.accountName() + "'") + "; expected the storage account name (3-24 lower-case "
                    + "letters and digits)");
        }
        if (a.accountKey() == null || a.accountKey().isBlank()) {
            owner.problem(FieldPath.field(path, "accountKey"), "missing; expected the account's base64 key");
        } else {
            try {
                java.util.Base64.getDecoder().decode(a.accountKey());
            } catch (IllegalArgumentException e) {
                owner.problem(FieldPath.field(path, "accountKey"), "not base64; expected the account's key");
            }
        }
        String endpoint = a.endpoint();
        if (endpoint == null || !endpoint.matches("https?://[^\\s]+")) {
            owner.problem(FieldPath.field(path, "endpoint"), (endpoint == null ? "missing" : "'" + endpoint + "'")
                    + "; expected the blob endpoint URL, e.g. https://<account>.blob.core.windows.net or "
                    + "http://127.0.0.1:10000/devstoreaccount1");
            endpoint = "http://invalid";
        }
        return new AzureBackendConfig(name, "DefaultEndpointsProtocol=" + (endpoint.startsWith("https") ? "https"
                : "http") + ";AccountName=" + a.accountName() + ";AccountKey=" + a.accountKey() + ";BlobEndpoint="
                + endpoint + ";");
    }

    private SqlBackendConfig sql(BackendType type, String name, String url, String username, String password,
                                 Integer poolSize, String tablePrefix, String path) {
        String scheme = SqlBackendConfig.urlScheme(type);
        if (url == null || !url.startsWith(scheme)) {
            owner.problem(FieldPath.field(path, "url"), (url == null ? "missing" : "'" + url + "'")
                    + "; expected a JDBC URL starting with " + scheme);
            url = scheme;
        }
        if (username == null || username.isEmpty()) {
            owner.problem(FieldPath.field(path, "username"), "missing; expected the database user");
        }
        int pool = poolSize == null ? SqlBackendConfig.DEFAULT_POOL_SIZE : poolSize;
        if (pool < 1 || pool > ConfigValidator.MAX_CONNECTIONS) {
            owner.problem(FieldPath.field(path, "poolSize"), "out of range: " + pool + "; expected 1.."
                    + ConfigValidator.MAX_CONNECTIONS);
        }
        String prefix = tablePrefix == null ? SqlBackendConfig.DEFAULT_TABLE_PREFIX : tablePrefix;
        if (!prefix.matches("[a-z][a-z0-9_]{0,31}")) {
            owner.problem(FieldPath.field(path, "tablePrefix"), "'" + prefix
                    + "'; expected lower-case letters, digits and _, starting with a letter, at most 32");
        }
        return new SqlBackendConfig(name == null ? "invalid" : name, type, url, username, password, pool, prefix);
    }

    private EmbeddedBackendConfig embedded(ConfigDocument.EmbeddedBackend e, String path) {
        String fsync = e.fsync() == null ? EmbeddedBackendConfig.DEFAULT_FSYNC : e.fsync();
        if (!java.util.List.of("always", "everysec", "no").contains(fsync)) {
            owner.problem(FieldPath.field(path, "fsync"), "expected one of: always, everysec, no");
            fsync = EmbeddedBackendConfig.DEFAULT_FSYNC;
        }
        java.nio.file.Path dataDir = EmbeddedBackendConfig.defaultDataDir(e.name());
        if ("none".equals(e.dataDir())) {
            dataDir = null;
        } else if (e.dataDir() != null) {
            if (e.dataDir().isBlank()) {
                owner.problem(FieldPath.field(path, "dataDir"), "empty; expected a directory path, or none");
            } else {
                dataDir = java.nio.file.Path.of(e.dataDir());
            }
        }
        return new EmbeddedBackendConfig(e.name(), dataDir, fsync);
    }

    private HostPort address(String text, String path) {
        try {
            return Units.parseAddress(text);
        } catch (IllegalArgumentException e) {
            owner.problem(path, e.getMessage());
            return null;
        }
    }

    private Common common(String path, String username, String connectTimeout, String commandTimeout,
                          Integer connections) {
        Duration connect = RedisBackendConfig.DEFAULT_CONNECT_TIMEOUT;
        if (connectTimeout != null) {
            String p = FieldPath.field(path, "connectTimeout");
            connect = owner.duration(connectTimeout, p, connect);
            if (connect.isZero()) {
                owner.problem(p, "zero; expected a positive duration such as 2s");
            }
        }
        Duration command = RedisBackendConfig.DEFAULT_COMMAND_TIMEOUT;
        if (commandTimeout != null) {
            command = owner.duration(commandTimeout, FieldPath.field(path, "commandTimeout"), command);
        }
        int count = RedisBackendConfig.DEFAULT_CONNECTIONS;
        if (connections != null) {
            count = connections;
            if (count < 1 || count > ConfigValidator.MAX_CONNECTIONS) {
                owner.problem(FieldPath.field(path, "connections"), "out of range: " + count + "; expected 1.."
                        + ConfigValidator.MAX_CONNECTIONS);
            }
        }
        if (username != null && username.isEmpty()) {
            owner.problem(FieldPath.field(path, "username"), "empty; expected a user name, or remove the key");
        }
        return new Common(username, connect, command, count);
    }

    private record Common(String username, Duration connectTimeout, Duration commandTimeout, int connections) {
    }
}
