package io.trustgate.translators.s3.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.WriteConditions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one request that makes a written object visible, with the S3 write conditions mapped onto Azure's:
 * {@code If-None-Match: *} is sent as is; {@code If-Match} names an S3 ETag, which Azure does not know, so the
 * current blob is read, its S3 ETag compared here ({@code NoSuchKey} / {@code PreconditionFailed}), and the write
 * sent with {@code If-Match} on that version's Azure ETag: a write that lands in between makes Azure answer 412,
 * reported as {@code ConditionalRequestConflict}.
 *
 * <p>The target blob never holds uncommitted blocks of ours: Azure discards all of a blob's uncommitted blocks when
 * any write commits it, so blocks staged on the target would be lost to a concurrent PUT of the same key. A body
 * that fits in one buffer is one Put Blob ({@link #put}); a staged body lives on its own staging blob, which is
 * committed there and then copied onto the target in one Copy Blob ({@link #commitStaged}).
 */
final class ConditionalCommit {

    private static final Duration MAX_COPY_WAIT = Duration.ofMinutes(30);

    private ConditionalCommit() {
    }

    /** When the write happened; what the object's {@code Last-Modified} is. */
    record Written(Instant lastModified) {
    }

    /** One Put Blob of {@code body} onto the target with headers, metadata and the write conditions. */
    static Written put(AzureBlobStore store, String bucket, String key, byte[] body, BlobHttpHeaders headers,
                       Map<String, String> metadata, WriteConditions conditions) {
        BlockBlobClient blob = store.container(bucket).getBlobClient(key).getBlockBlobClient();
        BlockBlobItem item = conditioned(store, bucket, key, conditions, azure -> blob.uploadWithResponse(
                new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(body)).setHeaders(headers)
                        .setMetadata(metadata).setRequestConditions(azure), null, Context.NONE).getValue());
        return new Written(item.getLastModified() == null ? Instant.now() : item.getLastModified().toInstant());
    }

    /**
     * Commits {@code blockIds} on {@code staging} (a blob no other upload writes) with the object's headers and
     * metadata, then copies it onto the target with the write conditions. The staging blob stays (a failed
     * multipart Complete may be retried with the same blocks); the caller deletes it.
     */
    static Written commitStaged(AzureBlobStore store, BlockBlobClient staging, String bucket, String key,
                                List<String> blockIds, BlobHttpHeaders headers, Map<String, String> metadata,
                                WriteConditions conditions) {
        BlockBlobItem staged;
        try {
            staged = staging.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blockIds)
                    .setHeaders(headers).setMetadata(metadata), null, Context.NONE).getValue();
        } catch (BlobStorageException e) {
            if (BlobErrorCode.INVALID_BLOCK_LIST.equals(e.getErrorCode())) {
                throw new BlobStoreException("InvalidPart", 400, "One or more of the specified parts could not "
                        + "be found: their Azure blocks are gone (they expire 7 days after upload).");
            }
            throw e;
        }
        BlobClient target = store.container(bucket).getBlobClient(key);
        PollResponse<BlobCopyInfo> done = conditioned(store, bucket, key, conditions, azure -> target.beginCopy(
                new BlobBeginCopyOptions(staging.getBlobUrl()).setMetadata(metadata)
                        .setSourceRequestConditions(new BlobBeginCopySourceRequestConditions()
                                .setIfMatch(staged.getETag()))
                        .setDestinationRequestConditions(azure)
                        .setPollInterval(Duration.ofMillis(100))).waitForCompletion(MAX_COPY_WAIT));
        if (done.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            throw new BlobStoreException("InternalError", 500, "The Azure copy of the staged upload did not "
                    + "complete: " + done.getStatus());
        }
        BlobCopyInfo copy = done.getValue();
        return new Written(copy == null || copy.getLastModified() == null ? Instant.now()
                : copy.getLastModified().toInstant());
    }

    private static <T> T conditioned(AzureBlobStore store, String bucket, String key, WriteConditions conditions,
                                     Function<BlobRequestConditions, T> write) {
        BlobRequestConditions azure = new BlobRequestConditions();
        boolean raced = false;
        if (conditions.ifNoneMatchAny()) {
            azure.setIfNoneMatch("*");
        }
        if (conditions.ifMatch() != null) {
            BlobProperties current = store.properties(bucket, key);
            if (!AzureBlobStore.info(key, current).etag().equals(conditions.ifMatch())) {
                throw BlobStoreException.preconditionFailed();
            }
            azure.setIfMatch(current.getETag());
            raced = true;
        }
        try {
            return write.apply(azure);
        } catch (BlobStorageException e) {
            if (raced && e.getStatusCode() == 412
                    && !BlobErrorCode.SOURCE_CONDITION_NOT_MET.equals(e.getErrorCode())) {
                throw BlobStoreException.conditionalRequestConflict();
            }
            throw e;
        }
    }
}
