package io.trustgate.gateway.capabilities;

import io.trustgate.gateway.config.BackendConfig;
import io.trustgate.gateway.config.BackendType;
import io.trustgate.gateway.config.Protocol;
import io.trustgate.gateway.config.TrustgateConfig;
import io.trustgate.s3.operation.OperationSupport;
import io.trustgate.s3.passthrough.S3PassthroughStore;
import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.translators.s3.azure.AzureBlobStore;
import io.trustgate.translators.s3.filesystem.FilesystemBlobStore;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The S3 operation × backend matrix: one column per S3 backend (a kind, or a configured backend), one row per
 * {@link OperationSupport} row, each cell what the server's operation table makes of the backend's
 * {@link BlobCapabilities} declaration. Nothing here decides an answer. Immutable.
 */
final class S3Matrix {

    /** One backend column: its header, what it is, and its declaration. */
    record Column(String name, String description, BlobCapabilities declaration) {
    }

    private final List<Column> columns;
    private final List<OperationSupport.Row> rows;

    private S3Matrix(List<Column> columns, List<OperationSupport.Row> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    /** One column per S3 backend type, in {@link BackendType} order. */
    static S3Matrix ofKinds() {
        List<Column> columns = new ArrayList<>();
        for (BackendType type : BackendType.values()) {
            if (type.serves(Protocol.S3)) {
                columns.add(new Column(type.id(), describe(type), declaration(type)));
            }
        }
        return new S3Matrix(columns, OperationSupport.rows());
    }

    /** One column per S3 backend of {@code config}, headed by its configured name. */
    static S3Matrix ofConfig(TrustgateConfig config) {
        List<Column> columns = new ArrayList<>();
        for (BackendConfig backend : config.backends()) {
            if (backend.type().serves(Protocol.S3)) {
                columns.add(new Column(backend.name(), "a `" + backend.type().id() + "` backend: "
                        + describe(backend.type()), declaration(backend.type())));
            }
        }
        return new S3Matrix(columns, OperationSupport.rows());
    }

    /**
     * The declaration of an S3 backend type, read without opening a store. Exhaustive: a new {@link BackendType}
     * does not compile until it says whether it has one.
     */
    static BlobCapabilities declaration(BackendType type) {
        return switch (type) {
            case FILESYSTEM -> FilesystemBlobStore.declaration();
            case AZURE -> AzureBlobStore.declaration();
            case S3 -> S3PassthroughStore.declaration();
            case REDIS, REDIS_CLUSTER, EMBEDDED, POSTGRES, MARIADB ->
                    throw new IllegalArgumentException("not an S3 backend: " + type);
        };
    }

    private static String describe(BackendType type) {
        return switch (type) {
            case FILESYSTEM -> "S3 objects as files under a directory (docs/s3-filesystem.md)";
            case AZURE -> "S3 objects as block blobs in Azure Blob Storage (docs/s3-azure.md)";
            case S3 -> "passthrough to another S3-compatible endpoint (docs/s3-passthrough.md)";
            case REDIS, REDIS_CLUSTER, EMBEDDED, POSTGRES, MARIADB -> type.id();
        };
    }

    List<Column> columns() {
        return columns;
    }

    List<OperationSupport.Row> rows() {
        return rows;
    }

    boolean hasBackend(String name) {
        return columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
    }

    List<String> backendNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** This matrix with only the column named {@code name} (any case); IllegalArgumentException when none is. */
    S3Matrix onlyBackend(String name) {
        List<Column> kept = columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no S3 backend '" + name + "'; expected one of: "
                    + columns.stream().map(Column::name).collect(Collectors.joining(", ")));
        }
        return new S3Matrix(kept, rows);
    }

    /** This matrix with only the row {@code name} (an S3 operation such as UploadPartCopy, any case). */
    S3Matrix onlyOperation(String name) {
        OperationSupport.Row row = OperationSupport.row(name);
        if (row == null) {
            throw new IllegalArgumentException("no S3 operation '" + name.trim() + "'");
        }
        return new S3Matrix(columns, List.of(row));
    }
}
