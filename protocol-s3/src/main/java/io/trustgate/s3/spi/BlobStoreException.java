package io.trustgate.s3.spi;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failure with the S3 error code and HTTP status the client receives, e.g. {@code NoSuchKey} / 404. Backends
 * complete stages with it; the factories below cover the codes the SPI methods document, and the constructor
 * takes any other AWS code. Unchecked so that it passes through {@code CompletionStage} lambdas.
 */
public class BlobStoreException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    public BlobStoreException(String code, int httpStatus, String message) {
        this(code, httpStatus, message, null);
    }

    public BlobStoreException(String code, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The S3 error code, e.g. {@code NoSuchBucket}. */
    public String code() {
        return code;
    }

    /** The HTTP status AWS uses for {@link #code()}. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Unwraps {@link CompletionException} / {@link ExecutionException}; returns the cause itself when it is a
     * {@code BlobStoreException}, otherwise {@code 500 InternalError} wrapping it.
     */
    public static BlobStoreException from(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof BlobStoreException e) {
            return e;
        }
        return new BlobStoreException("InternalError", 500,
                "We encountered an internal error. Please try again.", t);
    }

    public static BlobStoreException noSuchBucket(String bucket) {
        return new BlobStoreException("NoSuchBucket", 404, "The specified bucket does not exist: " + bucket);
    }

    public static BlobStoreException noSuchKey(String key) {
        return new BlobStoreException("NoSuchKey", 404, "The specified key does not exist.");
    }

    public static BlobStoreException noSuchUpload(String uploadId) {
        return new BlobStoreException("NoSuchUpload", 404, "The specified multipart upload does not exist. "
                + "The upload ID might be invalid, or the multipart upload might have been aborted or completed.");
    }

    public static BlobStoreException bucketAlreadyOwnedByYou(String bucket) {
        return new BlobStoreException("BucketAlreadyOwnedByYou", 409,
                "Your previous request to create the named bucket succeeded and you already own it.");
    }

    public static BlobStoreException bucketNotEmpty(String bucket) {
        return new BlobStoreException("BucketNotEmpty", 409, "The bucket you tried to delete is not empty.");
    }

    public static BlobStoreException invalidPart(int partNumber) {
        return new BlobStoreException("InvalidPart", 400, "One or more of the specified parts could not be found. "
                + "The part may not have been uploaded, or the specified entity tag may not match the part's "
                + "entity tag (part " + partNumber + ").");
    }

    public static BlobStoreException invalidPartOrder() {
        return new BlobStoreException("InvalidPartOrder", 400,
                "The list of parts was not in ascending order. Parts must be ordered by part number.");
    }

    public static BlobStoreException entityTooSmall() {
        return new BlobStoreException("EntityTooSmall", 400,
                "Your proposed upload is smaller than the minimum allowed object size.");
    }

    /** 412: an If-Match / If-None-Match condition did not hold. */
    public static BlobStoreException preconditionFailed() {
        return new BlobStoreException("PreconditionFailed", 412,
                "At least one of the pre-conditions you specified did not hold");
    }

    /** 409: a concurrent write to the same key won while this conditional write was in flight. */
    public static BlobStoreException conditionalRequestConflict() {
        return new BlobStoreException("ConditionalRequestConflict", 409,
                "A conflicting operation occurred. If using PutObject you can retry the request.");
    }

    public static BlobStoreException badDigest(String detail) {
        return new BlobStoreException("BadDigest", 400, detail);
    }

    /** 501 for an optional feature this backend refuses; the message names the feature and the backend. */
    public static BlobStoreException notImplemented(String feature, String backend) {
        return new BlobStoreException("NotImplemented", 501,
                "A header or operation you provided implies functionality that is not implemented: "
                        + feature + " is not supported by the " + backend + " backend.");
    }
}
