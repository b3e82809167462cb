package io.trustgate.s3.operation;

import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobStoreException;

/**
 * Version ids on unversioned buckets. Every object has exactly one version, {@code null} (as S3 reports for a
 * bucket that never had versioning), so a request naming version {@code null} addresses the object as it is now,
 * and one naming any other version is refused with {@code 400 InvalidArgument} before any backend is asked: acting
 * on the current object instead (reading it, deleting it) would be a silent wrong answer. Stateless.
 */
final class VersionIds {

    static final String NULL = "null";

    private VersionIds() {
    }

    /** Throws unless the request's {@code versionId} query parameter is absent or {@code null}. */
    static void check(S3Request r) {
        if (r.query().has("versionId")) {
            BlobStoreException e = error(r.query().first("versionId", ""));
            if (e != null) {
                throw e;
            }
        }
    }

    /** The error for a named version id ({@code null} when it is the version {@code null}: no error). */
    static BlobStoreException error(String versionId) {
        if (versionId.equals(NULL)) {
            return null;
        }
        return S3Errors.invalidArgument(versionId.isEmpty() ? "Version id cannot be the empty string"
                : "Invalid version id specified");
    }
}
