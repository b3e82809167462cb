package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.trustgate.s3.spi.BlobStoreException;

import java.util.concurrent.CompletionException;

/** Azure Blob errors as the S3 errors a client expects. */
final class AzureErrors {

    private AzureErrors() {
    }

    /** The S3 error for {@code error}; {@code key} names the object for NoSuchKey, may be null. */
    static BlobStoreException toS3(Throwable error, String bucket, String key) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof BlobStoreException e) {
            return e;
        }
        if (!(t instanceof BlobStorageException e)) {
            return BlobStoreException.from(t);
        }
        BlobErrorCode code = e.getErrorCode();
        if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
            return BlobStoreException.noSuchBucket(bucket);
        }
        if (BlobErrorCode.BLOB_NOT_FOUND.equals(code)) {
            return BlobStoreException.noSuchKey(key);
        }
        if (BlobErrorCode.CONTAINER_ALREADY_EXISTS.equals(code)) {
            return BlobStoreException.bucketAlreadyOwnedByYou(bucket);
        }
        if (BlobErrorCode.CONTAINER_BEING_DELETED.equals(code)) {
            return new BlobStoreException("OperationAborted", 409,
                    "A conflicting conditional operation is currently in progress against this resource "
                            + "(the Azure container is being deleted).");
        }
        if (BlobErrorCode.CONDITION_NOT_MET.equals(code) || BlobErrorCode.BLOB_ALREADY_EXISTS.equals(code)
                || BlobErrorCode.TARGET_CONDITION_NOT_MET.equals(code)
                || BlobErrorCode.SOURCE_CONDITION_NOT_MET.equals(code)) {
            return BlobStoreException.preconditionFailed();
        }
        if (BlobErrorCode.INVALID_RANGE.equals(code)) {
            return new BlobStoreException("InvalidRange", 416, "The requested range is not satisfiable");
        }
        if (BlobErrorCode.SERVER_BUSY.equals(code) || e.getStatusCode() == 503) {
            return new BlobStoreException("SlowDown", 503, "Please reduce your request rate (Azure: "
                    + e.getServiceMessage() + ")");
        }
        if (e.getStatusCode() == 404 && key == null) {
            return BlobStoreException.noSuchBucket(bucket);
        }
        if (e.getStatusCode() == 404) {
            return BlobStoreException.noSuchKey(key);
        }
        if (e.getStatusCode() == 412) {
            return BlobStoreException.preconditionFailed();
        }
        if (e.getStatusCode() == 400) {
            // e.g. metadata over Azure's 8 KiB, a blob name Azure refuses: the client's request, not our fault
            return new BlobStoreException("InvalidArgument", 400, "Azure Blob Storage refused the request: "
                    + (code == null ? "HTTP 400" : code.toString()));
        }
        return new BlobStoreException("InternalError", 500, "The Azure backend failed: "
                + (code == null ? "HTTP " + e.getStatusCode() : code.toString()), e);
    }

    /** S3 bucket names Azure cannot hold as container names: {@code InvalidBucketName}. */
    static BlobStoreException invalidBucketName(String bucket, String why) {
        return new BlobStoreException("InvalidBucketName", 400, "The specified bucket is not valid: " + bucket
                + " (" + why + ")");
    }
}
