package io.trustgate.s3.operation;

import io.netty.handler.codec.DateFormatter;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.WriteConditions;

import java.time.Instant;
import java.util.Date;

/**
 * Conditional request headers: GET/HEAD ({@code If-Match}, {@code If-None-Match}, {@code If-Modified-Since},
 * {@code If-Unmodified-Since}, evaluated in RFC 9110 order), CopyObject's {@code x-amz-copy-source-if-*}, and the
 * write conditions passed to backends.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** Throws 412 PreconditionFailed or 304 NotModified when a GET/HEAD condition does not hold for {@code info}. */
    public static void checkRead(S3Request request, ObjectInfo info) {
        check(info, request.header("If-Match"), request.header("If-None-Match"),
                request.header("If-Modified-Since"), request.header("If-Unmodified-Since"), true);
    }

    /** Throws 412 when a copy-source condition does not hold for the source {@code info}. */
    public static void checkCopySource(S3Request request, ObjectInfo info) {
        check(info, request.header("x-amz-copy-source-if-match"), request.header("x-amz-copy-source-if-none-match"),
                request.header("x-amz-copy-source-if-modified-since"),
                request.header("x-amz-copy-source-if-unmodified-since"), false);
    }

    /**
     * Throws when a condition fails. A failed If-None-Match / If-Modified-Since is 304 NotModified when
     * {@code read} (GET/HEAD), else 412. The exception is only built then: a GET without conditions builds none.
     */
    private static void check(ObjectInfo info, String ifMatch, String ifNoneMatch, String ifModifiedSince,
                              String ifUnmodifiedSince, boolean read) {
        long modified = info.lastModified().getEpochSecond();
        if (ifMatch != null) {
            if (!ETags.listNames(ifMatch, info.etag())) {
                throw BlobStoreException.preconditionFailed();
            }
        } else if (ifUnmodifiedSince != null) {
            Instant since = date(ifUnmodifiedSince);
            if (since != null && modified > since.getEpochSecond()) {
                throw BlobStoreException.preconditionFailed();
            }
        }
        if (ifNoneMatch != null) {
            if (ETags.listNames(ifNoneMatch, info.etag())) {
                throw notModified(read);
            }
        } else if (ifModifiedSince != null) {
            Instant since = date(ifModifiedSince);
            if (since != null && modified <= since.getEpochSecond()) {
                throw notModified(read);
            }
        }
    }

    private static BlobStoreException notModified(boolean read) {
        return read ? S3Errors.notModified() : BlobStoreException.preconditionFailed();
    }

    /** The write conditions of a PutObject / CompleteMultipartUpload / CopyObject destination. */
    public static WriteConditions write(S3Request request) {
        String ifMatch = request.header("If-Match");
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw S3Errors.notImplemented("If-None-Match on writes accepts only *");
        }
        return new WriteConditions(ifMatch == null ? null : ETags.bare(ifMatch), ifNoneMatch != null);
    }

    /** An HTTP date, or null when it cannot be parsed (the condition is then ignored, as AWS does). */
    static Instant date(String value) {
        Date d = DateFormatter.parseHttpDate(value);
        return d == null ? null : d.toInstant();
    }
}
