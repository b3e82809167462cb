package io.trustgate.translators.s3.azure;

import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.ObjectInfo;

import java.time.Duration;

/**
 * CopyObject as Azure's Copy Blob inside the account (no bytes pass through the gateway). The source is pinned by
 * its Azure ETag, so a source replaced meanwhile fails with 412; the destination gets the request's metadata in
 * the copy itself and its content headers right after, conditioned on the copy's own ETag. The S3 ETag, checksums
 * and part sizes of the source carry over, as the bytes are the same.
 */
final class AzureCopy {

    private static final Duration MAX_WAIT = Duration.ofMinutes(30);

    private AzureCopy() {
    }

    static ObjectInfo copy(AzureBlobStore store, CopyObjectRequest request) {
        BlobProperties source = store.properties(request.sourceBucket(), request.sourceKey());
        ObjectInfo sourceInfo = AzureBlobStore.info(request.sourceKey(), source);
        if (request.sourceEtag() != null && !request.sourceEtag().equals(sourceInfo.etag())) {
            throw BlobStoreException.preconditionFailed();
        }
        BlobClient from = store.container(request.sourceBucket()).getBlobClient(request.sourceKey());
        BlobClient to = store.container(request.bucket()).getBlobClient(request.key());
        BlobRequestConditions destination = new BlobRequestConditions();
        boolean raced = false;
        if (request.conditions().ifNoneMatchAny()) {
            destination.setIfNoneMatch("*");
        }
        if (request.conditions().ifMatch() != null) {
            BlobProperties current = store.properties(request.bucket(), request.key());
            if (!AzureBlobStore.info(request.key(), current).etag().equals(request.conditions().ifMatch())) {
                throw BlobStoreException.preconditionFailed();
            }
            destination.setIfMatch(current.getETag());
            raced = true;
        }
        PollResponse<BlobCopyInfo> done;
        try {
            done = to.beginCopy(new BlobBeginCopyOptions(from.getBlobUrl())
                    .setMetadata(BlobMetadata.toAzure(request.properties(), sourceInfo.etag(), sourceInfo.checksums(),
                            BlobMetadata.partSizes(source.getMetadata())))
                    .setSourceRequestConditions(new BlobBeginCopySourceRequestConditions().setIfMatch(source.getETag()))
                    .setDestinationRequestConditions(destination)
                    .setPollInterval(Duration.ofMillis(100))).waitForCompletion(MAX_WAIT);
        } catch (BlobStorageException e) {
            if (raced && e.getStatusCode() == 412
                    && !BlobErrorCode.SOURCE_CONDITION_NOT_MET.equals(e.getErrorCode())) {
                throw BlobStoreException.conditionalRequestConflict();
            }
            throw e;
        }
        if (done.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            throw new BlobStoreException("InternalError", 500, "The Azure copy did not complete: "
                    + done.getStatus());
        }
        to.setHttpHeadersWithResponse(BlobMetadata.headers(request.properties(), source.getContentMd5()),
                new BlobRequestConditions().setIfMatch(done.getValue().getETag()), null, Context.NONE);
        return AzureBlobStore.info(request.key(), store.properties(request.bucket(), request.key()));
    }
}
