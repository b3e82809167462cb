package io.trustgate.translators.s3.azure;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobContainerProperties;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BucketInfo;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PartListing;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.ReadHints;
import io.trustgate.s3.spi.UploadListing;
import io.trustgate.s3.spi.UploadPartRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The S3 blob SPI on Azure Blob Storage: buckets are containers, objects block blobs, parts staged blocks
 * (see {@link AzureMultipart}). Every SDK call runs on the store's bounded executor ({@link AzureCalls}).
 */
public final class AzureBlobStore implements BlobStore {

    /** Holds the records of open multipart uploads; no bucket may have this name. */
    static final String UPLOADS_CONTAINER = "trustgate-multipart";

    private static final BlobCapabilities CAPABILITIES = capabilities0();

    private final BlobServiceClient service;
    private final BlobServiceAsyncClient asyncService;
    private final AzureCalls calls;
    private final int blockSize;
    private final AzureMultipart multipart;

    private AzureBlobStore(BlobServiceClient service, BlobServiceAsyncClient asyncService, AzureStoreConfig config) {
        this.service = service;
        this.asyncService = asyncService;
        this.calls = new AzureCalls(config.threads());
        this.blockSize = config.blockSize();
        this.multipart = new AzureMultipart(this, service.getBlobContainerClient(UPLOADS_CONTAINER));
    }

    /**
     * How a failed Azure call is retried (a 5xx, a timeout, a dropped connection): 3 tries, 0.5 s then 1.5 s apart
     * (exponential, capped at 2 s), so a persistent failure is answered within about 2 s. The SDK's default, 4 tries
     * from 4 s apart, held every failing request for about 16 s.
     */
    static final RequestRetryOptions RETRIES = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3,
            (Duration) null, Duration.ofMillis(500), Duration.ofSeconds(2), null);

    /** A store on the account of {@code config}; connects lazily (the first request reaches Azure). */
    public static AzureBlobStore open(AzureStoreConfig config) {
        return open(config, new HttpPipelinePolicy[0]);
    }

    /** A store whose Azure requests also pass through {@code policies} (tests observe the requests this way). */
    static AzureBlobStore open(AzureStoreConfig config, HttpPipelinePolicy... policies) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().connectionString(config.connectionString())
                .retryOptions(RETRIES);
        for (HttpPipelinePolicy policy : policies) {
            builder.addPolicy(policy);
        }
        return new AzureBlobStore(builder.buildClient(), builder.buildAsyncClient(), config);
    }

    private static BlobCapabilities capabilities0() {
        return BlobCapabilities.builder()
                .emulated(BlobCapability.MULTIPART, "parts are staged blocks of a staging blob per upload, "
                        + "committed and copied onto the key (Copy Blob) by Complete, with a record blob per upload "
                        + "in the " + UPLOADS_CONTAINER + " container")
                .natively(BlobCapability.SERVER_SIDE_COPY, "Copy Blob")
                .emulated(BlobCapability.PART_COPY, "the source range is read and staged as blocks through the "
                        + "gateway (Put Block From URL needs a SAS or OAuth token for the source; not used yet)")
                .refused(BlobCapability.ZERO_COPY_READ, "no local file")
                .natively(BlobCapability.CONDITIONAL_WRITES, "Azure If-Match / If-None-Match")
                .natively(BlobCapability.CONDITIONAL_DELETES, "Delete Blob with Azure If-Match on the version "
                        + "whose S3 ETag was compared")
                .natively(BlobCapability.USER_METADATA, "encoded names in blob metadata")
                .emulated(BlobCapability.CHECKSUMS, "kept in blob metadata; Azure does not verify them")
                .natively(BlobCapability.BUCKET_MANAGEMENT, "containers")
                .build();
    }

    @Override
    public String kind() {
        return "azure";
    }

    @Override
    public BlobCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** What every Azure store declares, without opening one (for {@code trustgate capabilities}). */
    public static BlobCapabilities declaration() {
        return CAPABILITIES;
    }

    AzureCalls calls() {
        return calls;
    }

    int blockSize() {
        return blockSize;
    }

    BlobContainerClient container(String bucket) {
        return service.getBlobContainerClient(bucket);
    }

    // ---- buckets ----

    @Override
    public CompletionStage<List<BucketInfo>> listBuckets() {
        return calls.run(null, null, () -> {
            List<BucketInfo> out = new ArrayList<>();
            for (BlobContainerItem item : service.listBlobContainers(new ListBlobContainersOptions(), null)) {
                String name = item.getName();
                if (name.equals(UPLOADS_CONTAINER) || name.startsWith("$")) {
                    continue;
                }
                Instant created = item.getProperties() == null || item.getProperties().getLastModified() == null
                        ? Instant.EPOCH : item.getProperties().getLastModified().toInstant();
                out.add(new BucketInfo(name, created));
            }
            out.sort(Comparator.comparing(BucketInfo::name));
            return out;
        });
    }

    @Override
    public CompletionStage<BucketInfo> createBucket(String bucket) {
        BlobStoreException invalid = checkBucketName(bucket);
        if (invalid != null) {
            return CompletableFuture.failedFuture(invalid);
        }
        return calls.run(bucket, null, () -> {
            service.createBlobContainer(bucket);
            return new BucketInfo(bucket, Instant.now());
        });
    }

    @Override
    public CompletionStage<Void> deleteBucket(String bucket) {
        if (checkBucketName(bucket) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(bucket));
        }
        return calls.run(bucket, null, () -> {
            BlobContainerClient container = container(bucket);
            container.getProperties();
            boolean empty = !container.listBlobs(new com.azure.storage.blob.models.ListBlobsOptions()
                    .setMaxResultsPerPage(1), null).iterator().hasNext();
            if (!empty || multipart.hasUploads(bucket)) {
                throw BlobStoreException.bucketNotEmpty(bucket);
            }
            container.delete();
            return null;
        });
    }

    @Override
    public CompletionStage<BucketInfo> headBucket(String bucket) {
        if (checkBucketName(bucket) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(bucket));
        }
        return calls.run(bucket, null, () -> {
            BlobContainerProperties p = container(bucket).getProperties();
            return new BucketInfo(bucket, p.getLastModified() == null ? Instant.EPOCH
                    : p.getLastModified().toInstant());
        });
    }

    /**
     * {@code null} when Azure can hold {@code bucket} as a container, else {@code InvalidBucketName}: Azure has no
     * dots and no consecutive hyphens in container names, and one name is the backend's own.
     */
    static BlobStoreException checkBucketName(String bucket) {
        if (bucket.equals(UPLOADS_CONTAINER)) {
            return AzureErrors.invalidBucketName(bucket, "reserved by trustgate's Azure backend for multipart "
                    + "upload records");
        }
        if (!bucket.matches("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}")) {
            return AzureErrors.invalidBucketName(bucket, "Azure container names are 3-63 lower-case letters, "
                    + "digits and single hyphens, without dots");
        }
        return null;
    }

    // ---- listing and objects ----

    @Override
    public CompletionStage<ObjectListing> listObjects(ListObjectsRequest request) {
        if (checkBucketName(request.bucket()) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(request.bucket()));
        }
        return calls.run(request.bucket(), null, () -> AzureObjectLister.list(container(request.bucket()), request));
    }

    @Override
    public CompletionStage<ObjectInfo> headObject(String bucket, String key) {
        if (checkBucketName(bucket) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(bucket));
        }
        if (unstorable(key)) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchKey(key));
        }
        return calls.run(bucket, key, () -> info(key, properties(bucket, key)));
    }

    @Override
    public CompletionStage<BlobReader> openObject(String bucket, String key) {
        if (checkBucketName(bucket) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(bucket));
        }
        if (unstorable(key)) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchKey(key));
        }
        return calls.run(bucket, key, () -> propertiesReader(bucket, key));
    }

    /** A HEAD reads the properties; a GET opens as {@link AzureGet#open} (range and conditions on Azure). */
    @Override
    public CompletionStage<BlobReader> openObject(String bucket, String key, boolean headOnly, ReadHints hints) {
        if (headOnly || checkBucketName(bucket) != null || unstorable(key)) {
            return openObject(bucket, key);
        }
        return calls.run(bucket, key, () -> AzureGet.open(this, bucket, key, hints));
    }

    /** A reader on the version the blob's properties name; its first read is a Get Blob pinned to it. */
    AzureBlobReader propertiesReader(String bucket, String key) {
        return reader(bucket, key, properties(bucket, key));
    }

    /** A reader on the version {@code p} names, without a download yet. */
    AzureBlobReader reader(String bucket, String key, BlobProperties p) {
        return new AzureBlobReader(blob(bucket, key), info(key, p), p.getETag(),
                BlobMetadata.partSizes(p.getMetadata()), calls);
    }

    BlobAsyncClient blob(String bucket, String key) {
        return asyncService.getBlobContainerAsyncClient(bucket).getBlobAsyncClient(key);
    }

    @Override
    public CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request) {
        if (checkBucketName(request.bucket()) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(request.bucket()));
        }
        BlobStoreException refused = BlobNames.writeRefusal(request.key());
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return calls.run(request.bucket(), null, () -> {
            container(request.bucket()).getProperties();
            if (request.contentLength() < 0 || request.contentLength() > blockSize) {
                multipart.ensureRecords();
            }
            return new AzureObjectWriter(this, request, multipart.staging(request.bucket(), BlockIds.newUploadId()));
        });
    }

    @Override
    public CompletionStage<Void> deleteObject(String bucket, String key) {
        if (checkBucketName(bucket) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(bucket));
        }
        return calls.run(bucket, null, () -> {
            if (unstorable(key) || !container(bucket).getBlobClient(key).deleteIfExists()) {
                container(bucket).getProperties();
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Void> deleteObject(String bucket, String key, DeleteCondition condition) {
        if (condition == null || condition.isNone()) {
            return deleteObject(bucket, key);
        }
        if (checkBucketName(bucket) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(bucket));
        }
        return calls.run(bucket, key, () -> {
            ConditionalDelete.delete(this, bucket, key, condition);
            return null;
        });
    }

    /**
     * The blob's properties; a missing blob is {@code NoSuchKey}, and a missing container {@code NoSuchBucket}
     * (Azure answers a HEAD of a blob in a missing container with a bare 404, so the container is asked).
     */
    BlobProperties properties(String bucket, String key) {
        try {
            return container(bucket).getBlobClient(key).getProperties();
        } catch (com.azure.storage.blob.models.BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                container(bucket).getProperties();
                throw BlobStoreException.noSuchKey(key);
            }
            throw e;
        }
    }

    /** True when Azure would read the key as another name ({@link BlobNames#readsAsAnotherName}). */
    static boolean unstorable(String key) {
        return BlobNames.readsAsAnotherName(key);
    }

    static ObjectInfo info(String key, BlobProperties p) {
        Map<String, String> metadata = p.getMetadata();
        return new ObjectInfo(key, p.getBlobSize(),
                BlobMetadata.s3Etag(metadata, p.getContentMd5(), p.getETag()),
                p.getLastModified() == null ? Instant.EPOCH : p.getLastModified().toInstant(),
                BlobMetadata.properties(p.getContentType(), p.getContentEncoding(), p.getContentDisposition(),
                        p.getContentLanguage(), p.getCacheControl(), metadata),
                BlobMetadata.checksums(metadata), BlobMetadata.partsCount(metadata));
    }

    @Override
    public CompletionStage<ObjectInfo> copyObject(io.trustgate.s3.spi.CopyObjectRequest request) {
        if (checkBucketName(request.bucket()) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(request.bucket()));
        }
        if (checkBucketName(request.sourceBucket()) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(request.sourceBucket()));
        }
        BlobStoreException refused = BlobNames.writeRefusal(request.key());
        if (refused == null && unstorable(request.sourceKey())) {
            refused = BlobNames.writeRefusal(request.sourceKey());
        }
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return calls.run(request.bucket(), request.key(), () -> AzureCopy.copy(this, request));
    }

    // ---- multipart ----

    @Override
    public CompletionStage<MultipartUpload> createMultipartUpload(CreateMultipartRequest request) {
        if (checkBucketName(request.bucket()) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(request.bucket()));
        }
        BlobStoreException refused = BlobNames.writeRefusal(request.key());
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return calls.run(request.bucket(), null, () -> multipart.create(request));
    }

    @Override
    public CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest request) {
        return calls.run(request.bucket(), null, () -> multipart.partWriter(request));
    }

    @Override
    public CompletionStage<ObjectInfo> completeMultipartUpload(CompleteMultipartRequest request) {
        BlobStoreException refused = BlobNames.writeRefusal(request.key());
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return calls.run(request.bucket(), request.key(), () -> multipart.complete(request));
    }

    @Override
    public CompletionStage<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
        return calls.run(bucket, null, () -> {
            multipart.abort(bucket, key, uploadId);
            return null;
        });
    }

    @Override
    public CompletionStage<PartListing> listParts(String bucket, String key, String uploadId, int partNumberMarker,
                                                  int maxParts) {
        return calls.run(bucket, null, () -> multipart.listParts(bucket, key, uploadId, partNumberMarker, maxParts));
    }

    @Override
    public CompletionStage<UploadListing> listMultipartUploads(ListUploadsRequest request) {
        if (checkBucketName(request.bucket()) != null) {
            return CompletableFuture.failedFuture(BlobStoreException.noSuchBucket(request.bucket()));
        }
        return calls.run(request.bucket(), null, () -> multipart.listUploads(request));
    }

    @Override
    public void close() {
        calls.close();
    }
}
