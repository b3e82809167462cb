package io.trustgate.s3.operation;

import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.xml.XmlIn;

import java.util.List;

/**
 * The conditions of conditional deletes: DeleteObject's {@code If-Match} header and each DeleteObjects
 * {@code <Object>}'s {@code <ETag>}, as {@link DeleteCondition}s for the backend, which checks them atomically with
 * the delete. A backend that does not declare {@link BlobCapability#CONDITIONAL_DELETES} gets no condition: the
 * request is refused with 501 NotImplemented before anything is deleted. The size and last-modified-time
 * conditions ({@code x-amz-if-match-size}, {@code x-amz-if-match-last-modified-time}, {@code <Size>},
 * {@code <LastModifiedTime>}) exist on AWS for directory buckets only; they are refused the same way rather than
 * ignored. Stateless.
 */
final class ConditionalDeletes {

    private ConditionalDeletes() {
    }

    /** DeleteObject's condition; throws 501 when the request has one the store cannot check. */
    static DeleteCondition header(S3Request r, BlobStore store) {
        refuseDirectoryBucketCondition(r.header("x-amz-if-match-last-modified-time") != null,
                "x-amz-if-match-last-modified-time");
        refuseDirectoryBucketCondition(r.header("x-amz-if-match-size") != null, "x-amz-if-match-size");
        DeleteCondition condition = DeleteCondition.ifMatch(r.header("If-Match"));
        requireSupport(condition, store);
        return condition;
    }

    /** The condition of one DeleteObjects {@code <Object>} entry (not yet checked against the store). */
    static DeleteCondition entry(XmlIn.Element object) {
        refuseDirectoryBucketCondition(object.child("LastModifiedTime") != null, "<LastModifiedTime>");
        refuseDirectoryBucketCondition(object.child("Size") != null, "<Size>");
        return DeleteCondition.ifMatch(object.childText("ETag"));
    }

    /** Throws 501 naming the store when any of {@code conditions} is set and the store does not check them. */
    static void requireSupport(List<DeleteCondition> conditions, BlobStore store) {
        for (DeleteCondition c : conditions) {
            requireSupport(c, store);
        }
    }

    private static void requireSupport(DeleteCondition condition, BlobStore store) {
        if (!condition.isNone() && !store.capabilities().has(BlobCapability.CONDITIONAL_DELETES)) {
            String reason = store.capabilities().answer(BlobCapability.CONDITIONAL_DELETES).reason();
            throw BlobStoreException.notImplemented("conditional delete (If-Match / <ETag>)"
                    + (reason == null ? "" : ": " + reason), store.kind());
        }
    }

    private static void refuseDirectoryBucketCondition(boolean present, String what) {
        if (present) {
            throw S3Errors.notImplemented(what + " (a conditional delete AWS offers on directory buckets only; "
                    + "trustgate's buckets are general purpose: If-Match / <ETag> are supported)");
        }
    }
}
