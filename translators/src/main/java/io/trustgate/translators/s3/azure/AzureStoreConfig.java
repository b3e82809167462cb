package io.trustgate.translators.s3.azure;

import java.util.Objects;

/**
 * How to reach one Azure storage account and how the backend uses it.
 *
 * @param connectionString an Azure Storage connection string (account name, key and blob endpoint)
 * @param blockSize        bytes buffered per upload before a block is staged; also the download chunk size, so
 *                         memory per transfer is bounded by it (default 4 MiB, at most 100 MiB)
 * @param threads          size of the executor that runs the blocking SDK calls
 */
public record AzureStoreConfig(String connectionString, int blockSize, int threads) {

    public static final int DEFAULT_BLOCK_SIZE = 4 * 1024 * 1024;
    public static final int DEFAULT_THREADS = 16;

    public AzureStoreConfig {
        Objects.requireNonNull(connectionString, "connectionString");
        if (blockSize < 64 * 1024 || blockSize > 100 * 1024 * 1024) {
            throw new IllegalArgumentException("blockSize out of range: " + blockSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
    }

    /** A connection string with the given settings and the defaults. */
    public static AzureStoreConfig of(String connectionString) {
        return new AzureStoreConfig(connectionString, DEFAULT_BLOCK_SIZE, DEFAULT_THREADS);
    }

    /** The connection string for an account name, key and blob endpoint (e.g. Azurite's). */
    public static String connectionString(String accountName, String accountKey, String blobEndpoint) {
        return "DefaultEndpointsProtocol=" + (blobEndpoint.startsWith("https") ? "https" : "http")
                + ";AccountName=" + accountName + ";AccountKey=" + accountKey + ";BlobEndpoint=" + blobEndpoint + ";";
    }
}
