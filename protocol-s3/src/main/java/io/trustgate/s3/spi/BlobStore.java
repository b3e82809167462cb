package io.trustgate.s3.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A backend that stores objects in buckets: the one interface the S3 server talks to. See the package
 * documentation for threading, buffer ownership, errors and ETags; each method below says what it must check and
 * which {@link BlobStoreException} codes it completes with.
 *
 * <p>Optional features are declared in {@link #capabilities()}; a method whose capability is {@link Support#REFUSED}
 * keeps its default, which fails with {@code 501 NotImplemented}. The server consults the declaration before it
 * calls, so that refusals name the backend.
 */
public interface BlobStore extends AutoCloseable {

    /** Short backend kind for errors, metrics and docs, e.g. {@code "filesystem"}. */
    String kind();

    /**
     * How this backend supplies each optional feature, with the reason for anything but a plain native answer; a
     * feature missing from the declaration is {@link Support#REFUSED}. Constant for the store's life.
     */
    BlobCapabilities capabilities();

    // ---- buckets ----

    /** All buckets, in name order. */
    CompletionStage<List<BucketInfo>> listBuckets();

    /**
     * Creates an empty bucket. Fails with {@code BucketAlreadyOwnedByYou} (409) when it exists. The name has been
     * validated by the server (3-63 characters of lower-case letters, digits, dots and hyphens).
     */
    CompletionStage<BucketInfo> createBucket(String bucket);

    /** Deletes an empty bucket: {@code NoSuchBucket} (404), {@code BucketNotEmpty} (409, also with open uploads). */
    CompletionStage<Void> deleteBucket(String bucket);

    /** The bucket, or {@code NoSuchBucket}. */
    CompletionStage<BucketInfo> headBucket(String bucket);

    /** The bucket's region for GetBucketLocation; {@code ""} means us-east-1. {@code NoSuchBucket} if absent. */
    default CompletionStage<String> bucketLocation(String bucket) {
        return headBucket(bucket).thenApply(b -> "");
    }

    // ---- listing ----

    /**
     * One page of a bucket's objects. See {@link ListObjectsRequest} for the exact contract (order, marker,
     * delimiter roll-up, counting). {@code NoSuchBucket} if absent.
     */
    CompletionStage<ObjectListing> listObjects(ListObjectsRequest request);

    // ---- objects ----

    /** The object's stored attributes, or {@code NoSuchBucket} / {@code NoSuchKey}. */
    CompletionStage<ObjectInfo> headObject(String bucket, String key);

    /**
     * Opens the current version of an object for reading. The reader pins that version: a concurrent overwrite or
     * delete does not change what it reads. The server evaluates GET conditions and the range against
     * {@link BlobReader#info()} before it reads any byte, and always closes the reader.
     * Fails with {@code NoSuchBucket} / {@code NoSuchKey}.
     */
    CompletionStage<BlobReader> openObject(String bucket, String key);

    /**
     * {@link #openObject(String, String)} for GetObject ({@code headOnly} false: the server will read the body)
     * and HeadObject ({@code headOnly} true: it never reads), with the client's range and read conditions as
     * {@link ReadHints} (the server still decides both against {@link BlobReader#info()}). A backend that can fetch
     * the attributes and the first bytes in one request uses this to leave no moment between the two where a
     * replacement of the object could make the version it opened unreadable. The default ignores both.
     */
    default CompletionStage<BlobReader> openObject(String bucket, String key, boolean headOnly, ReadHints hints) {
        return openObject(bucket, key);
    }

    /**
     * Starts an upload of a whole object. Fails early with {@code NoSuchBucket}; the object becomes visible only
     * when {@link BlobWriter#commit} succeeds, atomically (readers see the old object or the new one, never a
     * mix), and {@link BlobWriter#abort} leaves nothing behind. The request's {@link WriteConditions} are checked
     * at commit, atomically with the replacement.
     */
    CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request);

    /**
     * Called before {@link #putObject} or {@link #uploadPart} when the client waits for {@code 100 Continue} (it
     * sent {@code Expect: 100-continue} and no body yet): fails with the error the upload would get when the
     * backend can tell cheaply without the body ({@code NoSuchBucket}), so the client gets that error instead of
     * {@code 100 Continue} and never sends its body. Completes normally when there is nothing to tell. The default
     * checks nothing: it is for a backend whose writer opens before it knows, and a backend whose
     * {@code putObject} already fails early needs no more.
     */
    default CompletionStage<Void> checkBeforeContinue(String bucket) {
        return CompletableFuture.completedFuture(null);
    }

    /** Deletes an object; deleting a missing key succeeds (S3 semantics). {@code NoSuchBucket} if absent. */
    CompletionStage<Void> deleteObject(String bucket, String key);

    /**
     * Deletes an object if {@code condition} holds, atomically with the check (see {@link DeleteCondition} for the
     * answers); {@link DeleteCondition#NONE} is {@link #deleteObject(String, String)}. Only called with a condition
     * when {@link BlobCapability#CONDITIONAL_DELETES} is declared; the default refuses one with
     * {@code 501 NotImplemented}.
     */
    default CompletionStage<Void> deleteObject(String bucket, String key, DeleteCondition condition) {
        if (condition == null || condition.isNone()) {
            return deleteObject(bucket, key);
        }
        return CompletableFuture.failedFuture(BlobStoreException.notImplemented("conditional delete", kind()));
    }

    /**
     * Deletes several keys of one bucket; the result has one entry per key, in order, {@code null} for a key that
     * was deleted (or did not exist) or the error for that key. The default loops over {@link #deleteObject}.
     */
    default CompletionStage<List<BlobStoreException>> deleteObjects(String bucket, List<String> keys) {
        List<BlobStoreException> results = new ArrayList<>(keys.size());
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (String key : keys) {
            chain = chain.thenCompose(ignored -> deleteObject(bucket, key)
                    .handle((ok, error) -> {
                        results.add(error == null ? null : BlobStoreException.from(error));
                        return null;
                    }));
        }
        return chain.thenApply(ignored -> results);
    }

    /**
     * As {@link #deleteObjects(String, List)}, each key deleted only if its condition ({@code conditions.get(i)},
     * {@link DeleteCondition#NONE} for none) holds; a failed condition is that key's error and the others go on.
     * The default calls {@link #deleteObjects(String, List)} when no key has a condition, else loops over
     * {@link #deleteObject(String, String, DeleteCondition)}.
     */
    default CompletionStage<List<BlobStoreException>> deleteObjects(String bucket, List<String> keys,
                                                                    List<DeleteCondition> conditions) {
        if (conditions.stream().allMatch(DeleteCondition::isNone)) {
            return deleteObjects(bucket, keys);
        }
        List<BlobStoreException> results = new ArrayList<>(keys.size());
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            DeleteCondition condition = conditions.get(i);
            chain = chain.thenCompose(ignored -> deleteObject(bucket, key, condition)
                    .handle((ok, error) -> {
                        results.add(error == null ? null : BlobStoreException.from(error));
                        return null;
                    }));
        }
        return chain.thenApply(ignored -> results);
    }

    /**
     * Copies an object inside this backend without streaming it through the server. Only called when
     * {@link BlobCapability#SERVER_SIDE_COPY} is {@link Support#NATIVE}; otherwise the server streams
     * {@link #openObject} into {@link #putObject}. Must fail with {@code PreconditionFailed} when
     * {@link CopyObjectRequest#sourceEtag()} is set and no longer matches the source.
     */
    default CompletionStage<ObjectInfo> copyObject(CopyObjectRequest request) {
        return CompletableFuture.failedFuture(BlobStoreException.notImplemented("server-side copy", kind()));
    }

    // ---- multipart ----

    /** Starts a multipart upload; {@code NoSuchBucket} if absent. Requires {@link BlobCapability#MULTIPART}. */
    default CompletionStage<MultipartUpload> createMultipartUpload(CreateMultipartRequest request) {
        return CompletableFuture.failedFuture(BlobStoreException.notImplemented("multipart upload", kind()));
    }

    /**
     * Uploads (or replaces) one part, 1 to 10000. {@code NoSuchUpload} when the upload is unknown, completed or
     * aborted. The part is stored when the writer commits; the result carries its ETag and checksums.
     */
    default CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest request) {
        return CompletableFuture.failedFuture(BlobStoreException.notImplemented("multipart upload", kind()));
    }

    /**
     * Completes an upload from the listed parts, atomically like {@link #putObject}. Checks, in this order:
     * {@code NoSuchUpload}; parts in strictly ascending order ({@code InvalidPartOrder}); every part exists with
     * that ETag ({@code InvalidPart}) and, when the upload has a checksum algorithm, the part checksums the client
     * named match the stored ones ({@link CompletedParts#checkChecksum}); every part but the last at least 5 MiB
     * ({@code EntityTooSmall}); the request's {@link WriteConditions}. The object's ETag is {@link ETags#multipart};
     * its checksum, when the upload has an algorithm, is the COMPOSITE or FULL_OBJECT combination of the parts'
     * checksums ({@code io.trustgate.s3.checksum.Checksums}); a mismatch with
     * {@link CompleteMultipartRequest#expectedChecksums()} is {@code BadDigest}. On success the upload and the
     * unlisted parts are gone.
     *
     * <p>A Complete repeated after it succeeded (an SDK retrying after a timeout) must answer as the first one did
     * while the object it made is still the key's current version and the part list is the same
     * ({@link CompletedParts#fingerprint}): the object's attributes, no new write, conditions not evaluated again.
     * Otherwise (another part list, or the object replaced since) it is {@code NoSuchUpload}.
     */
    default CompletionStage<ObjectInfo> completeMultipartUpload(CompleteMultipartRequest request) {
        return CompletableFuture.failedFuture(BlobStoreException.notImplemented("multipart upload", kind()));
    }

    /**
     * UploadPartCopy with the source on this backend: stores bytes {@code [offset, offset + length)} of the source
     * as a part and returns it (ETag the hex MD5 of those bytes, or the source's ETag when the range is a whole
     * single-part source). Fails with {@code PreconditionFailed} when {@link UploadPartCopyRequest#sourceEtag()} no
     * longer matches, {@code NoSuchKey} / {@code NoSuchBucket} for the source, {@code NoSuchUpload}. The server
     * calls it only on a backend that declares {@link BlobCapability#PART_COPY} {@link Support#NATIVE}; with
     * {@link Support#EMULATED} it opens the source itself, as a GET of the range, judges the copy-source conditions
     * against the version opened and streams it into {@link #uploadPart}. The default does the same without the
     * conditions (the source is read and written through {@link #uploadPart}); override it for a copy inside the
     * backend.
     */
    default CompletionStage<PartInfo> uploadPartCopy(UploadPartCopyRequest request) {
        return PartCopyEmulation.copy(this, request);
    }

    /** Discards an upload and its parts; {@code NoSuchUpload} when unknown. */
    default CompletionStage<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
        return CompletableFuture.failedFuture(BlobStoreException.notImplemented("multipart upload", kind()));
    }

    /** One page of an upload's parts in part-number order, after {@code partNumberMarker}; {@code NoSuchUpload}. */
    default CompletionStage<PartListing> listParts(String bucket, String key, String uploadId,
                                                   int partNumberMarker, int maxParts) {
        return CompletableFuture.failedFuture(BlobStoreException.notImplemented("multipart upload", kind()));
    }

    /** One page of a bucket's open uploads, see {@link ListUploadsRequest}. */
    default CompletionStage<UploadListing> listMultipartUploads(ListUploadsRequest request) {
        return CompletableFuture.failedFuture(BlobStoreException.notImplemented("multipart upload", kind()));
    }

    /** Releases executors, files and connections. Outstanding stages may fail afterwards. */
    @Override
    default void close() {
    }
}
