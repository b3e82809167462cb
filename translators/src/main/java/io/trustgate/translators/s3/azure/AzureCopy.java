package io.trustgate.translators.s3.azure;

import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.ObjectInfo;

import java.time.Duration;

/**
 * CopyObject as Azure's Copy Blob inside the account (no bytes pass through the gateway). The source is the version
 * whose S3 ETag the server judged ({@link CopyObjectRequest#sourceEtag()}), pinned by its Azure ETag; the
 * destination gets the request's metadata in the copy itself and its content headers right after, conditioned on
 * the copy's own ETag. The S3 ETag, checksums and part sizes of the source carry over, as the bytes are the same.
 *
 * <p>A source replaced between this look at it and the copy makes Azure answer 412. When the new version has the
 * same S3 ETag (the same bytes: a re-upload of identical content gets a new Azure ETag, not a new S3 one), the copy
 * is sent again pinned to the new version, up to {@link #SOURCE_ATTEMPTS} times: S3 answers such a copy 200, and
 * the client asked for no condition that failed (its {@code x-amz-copy-source-if-*} were judged on these bytes, and
 * the destination gets the attributes of the version judged). When the S3 ETag changed, the answer is 412, and the
 * server judges the new version and starts again. A 412 with the source unchanged is the destination's condition.
 */
final class AzureCopy {

    private static final Duration MAX_WAIT = Duration.ofMinutes(30);
    /** How many Copy Blobs one copy sends when its source keeps being replaced by the same bytes. */
    static final int SOURCE_ATTEMPTS = 3;

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
        String pinned = source.getETag();
        PollResponse<BlobCopyInfo> done = null;
        for (int attempt = 1; done == null; attempt++) {
            try {
                done = to.beginCopy(new BlobBeginCopyOptions(from.getBlobUrl())
                        .setMetadata(BlobMetadata.toAzure(request.properties(), sourceInfo.etag(),
                                sourceInfo.checksums(), BlobMetadata.partSizes(source.getMetadata())))
                        .setSourceRequestConditions(new BlobBeginCopySourceRequestConditions().setIfMatch(pinned))
                        .setDestinationRequestConditions(destination)
                        .setPollInterval(Duration.ofMillis(100))).waitForCompletion(MAX_WAIT);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 412) {
                    throw e;
                }
                BlobProperties now = store.properties(request.sourceBucket(), request.sourceKey());
                if (now.getETag().equals(pinned)) {
                    // the source is the version pinned: the destination's condition failed
                    throw raced ? BlobStoreException.conditionalRequestConflict() : e;
                }
                if (attempt >= SOURCE_ATTEMPTS
                        || !AzureBlobStore.info(request.sourceKey(), now).etag().equals(sourceInfo.etag())) {
                    throw BlobStoreException.preconditionFailed();
                }
                pinned = now.getETag();
            }
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
