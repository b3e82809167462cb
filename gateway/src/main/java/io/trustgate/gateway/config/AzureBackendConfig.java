package io.trustgate.gateway.config;

import java.util.Objects;

/**
 * S3 objects as block blobs in an Azure storage account (docs/s3-azure.md).
 *
 * @param connectionString an Azure Storage connection string; built from {@code accountName}, {@code accountKey}
 *                         and {@code endpoint} when the YAML gives those instead
 */
public record AzureBackendConfig(String name, String connectionString) implements BackendConfig {

    public AzureBackendConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectionString, "connectionString");
    }

    @Override
    public BackendType type() {
        return BackendType.AZURE;
    }

    /** Keeps the account key out of logs and error messages. */
    @Override
    public String toString() {
        return "AzureBackendConfig[name=" + name + ", connectionString=<redacted>]";
    }
}
