package io.trustgate.translators.s3.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.WriteConditions;

import java.util.List;
import java.util.Map;

/**
 * Put Block List with the S3 write conditions mapped onto Azure's: {@code If-None-Match: *} is sent as is;
 * {@code If-Match} names an S3 ETag, which Azure does not know, so the current blob is read, its S3 ETag compared
 * here ({@code NoSuchKey} / {@code PreconditionFailed}), and the commit sent with {@code If-Match} on that version's
 * Azure ETag: a write that lands in between makes Azure answer 412, reported as {@code ConditionalRequestConflict}.
 */
final class ConditionalCommit {

    private ConditionalCommit() {
    }

    static BlockBlobItem commit(AzureBlobStore store, String bucket, String key, List<String> blockIds,
                                BlobHttpHeaders headers, Map<String, String> metadata, WriteConditions conditions) {
        BlockBlobClient blob = store.container(bucket).getBlobClient(key).getBlockBlobClient();
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
            return blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blockIds)
                    .setHeaders(headers).setMetadata(metadata).setRequestConditions(azure), null, Context.NONE)
                    .getValue();
        } catch (BlobStorageException e) {
            if (raced && e.getStatusCode() == 412) {
                throw BlobStoreException.conditionalRequestConflict();
            }
            if (BlobErrorCode.INVALID_BLOCK_LIST.equals(e.getErrorCode())) {
                throw new BlobStoreException("InvalidPart", 400, "One or more of the specified parts could not "
                        + "be found: their Azure blocks are gone (another upload to the same key committed "
                        + "meanwhile, which discards uncommitted blocks, or they expired after 7 days).");
            }
            throw e;
        }
    }
}
