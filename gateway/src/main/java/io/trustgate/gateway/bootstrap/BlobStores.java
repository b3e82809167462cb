package io.trustgate.gateway.bootstrap;

import io.trustgate.gateway.config.AzureBackendConfig;
import io.trustgate.gateway.config.BackendConfig;
import io.trustgate.gateway.config.FilesystemBackendConfig;
import io.trustgate.gateway.config.S3BackendConfig;
import io.trustgate.s3.passthrough.S3PassthroughSettings;
import io.trustgate.s3.passthrough.S3PassthroughStore;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.translators.s3.azure.AzureBlobStore;
import io.trustgate.translators.s3.azure.AzureStoreConfig;
import io.trustgate.translators.s3.filesystem.FilesystemBlobStore;
import io.trustgate.translators.s3.filesystem.FilesystemStoreConfig;
import io.trustgate.translators.s3.filesystem.FsyncPolicy;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@link BlobStore} per configured S3 backend, shared by every S3 listener that routes to it. */
final class BlobStores implements AutoCloseable {

    private final Map<String, BlobStore> stores = new LinkedHashMap<>();

    BlobStores(List<BackendConfig> backends) {
        try {
            for (BackendConfig backend : backends) {
                if (backend instanceof FilesystemBackendConfig fs) {
                    stores.put(fs.name(), filesystem(fs));
                } else if (backend instanceof AzureBackendConfig azure) {
                    stores.put(azure.name(), AzureBlobStore.open(AzureStoreConfig.of(azure.connectionString())));
                } else if (backend instanceof S3BackendConfig s3) {
                    stores.put(s3.name(), passthrough(s3));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static BlobStore filesystem(FilesystemBackendConfig fs) {
        try {
            FilesystemStoreConfig config = FilesystemStoreConfig.defaults(fs.directory())
                    .withFsync(fs.fsync().equals("no") ? FsyncPolicy.NO : FsyncPolicy.ALWAYS);
            return FilesystemBlobStore.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException("filesystem backend '" + fs.name() + "' cannot open " + fs.directory()
                    + ": " + e.getMessage(), e);
        }
    }

    private static BlobStore passthrough(S3BackendConfig s3) {
        S3PassthroughSettings settings = new S3PassthroughSettings(s3.name(), s3.endpoint(), s3.region(),
                s3.accessKey(), s3.secretKey(), s3.pathStyle(), s3.connectTimeout(), s3.requestTimeout(),
                s3.maxConnections(), s3.tls() == null ? List.of() : s3.tls().certificates());
        LoggerFactory.getLogger(BlobStores.class).info("S3 backend '{}' passes through to {} (region {}, {} style{})",
                s3.name(), s3.endpoint(), s3.region(), s3.pathStyle() ? "path" : "virtual-host",
                s3.tls() == null ? "" : ", trusting only the " + s3.tls().certificates().size()
                        + " certificate(s) of " + s3.tls().caFile());
        return S3PassthroughStore.open(settings);
    }

    BlobStore get(String name) {
        BlobStore store = stores.get(name);
        if (store == null) {
            throw new IllegalArgumentException("no S3 backend named '" + name + "'");
        }
        return store;
    }

    @Override
    public void close() {
        for (BlobStore store : stores.values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(BlobStores.class).warn("closing an S3 backend failed", e);
            }
        }
    }
}
