package io.trustgate.translators.s3.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.DeleteCondition;

/**
 * Delete Blob with an S3 delete condition mapped onto Azure's: {@code If-Match: *} is a plain Delete Blob, which
 * Azure answers 404 for a missing blob ({@code NoSuchKey}). {@code If-Match} with an S3 ETag, which Azure does not
 * know, reads the blob, compares its S3 ETag here ({@code NoSuchKey} / {@code PreconditionFailed}), and sends the
 * delete with {@code If-Match} on that version's Azure ETag: a write that lands in between makes Azure answer 412,
 * reported as {@code ConditionalRequestConflict}; so does a delete in between on Azurite (a 404 from Azure is
 * {@code NoSuchKey}). Either way the blob Azure removes is the version the condition was checked on. Blocking;
 * runs on the store's executor.
 */
final class ConditionalDelete {

    private ConditionalDelete() {
    }

    static void delete(AzureBlobStore store, String bucket, String key, DeleteCondition condition) {
        delete(store, bucket, key, condition, () -> { });
    }

    /** As above; {@code afterCompare} runs between the S3 ETag compare and the delete (a seam for tests). */
    static void delete(AzureBlobStore store, String bucket, String key, DeleteCondition condition,
                       Runnable afterCompare) {
        if (AzureBlobStore.unstorable(key)) {
            store.container(bucket).getProperties();
            throw BlobStoreException.noSuchKey(key);
        }
        BlobClient blob = store.container(bucket).getBlobClient(key);
        if (condition.anyVersion()) {
            blob.deleteWithResponse(null, null, null, Context.NONE);
            return;
        }
        BlobProperties current = store.properties(bucket, key);
        condition.check(AzureBlobStore.info(key, current).etag(), key);
        afterCompare.run();
        try {
            blob.deleteWithResponse(null, new BlobRequestConditions().setIfMatch(current.getETag()), null,
                    Context.NONE);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412) {
                throw BlobStoreException.conditionalRequestConflict();
            }
            throw e;
        }
    }
}
