package io.trustgate.s3.error;

import io.trustgate.s3.spi.BlobStoreException;

/**
 * The protocol-level errors the server raises itself (the backend ones are on {@link BlobStoreException}); each
 * with the status and code AWS uses.
 */
public final class S3Errors {

    private S3Errors() {
    }

    public static BlobStoreException invalidArgument(String message) {
        return new BlobStoreException("InvalidArgument", 400, message);
    }

    public static BlobStoreException invalidRequest(String message) {
        return new BlobStoreException("InvalidRequest", 400, message);
    }

    /**
     * 505 for a request line whose HTTP version the server does not speak ({@code HTTP/2.0} sent as text,
     * {@code HTTP/9.9}); AWS defines no S3 code for it, so the code names the status.
     */
    public static BlobStoreException httpVersionNotSupported(String version) {
        return new BlobStoreException("HttpVersionNotSupported", 505, "The HTTP version " + version
                + " is not supported; this server speaks HTTP/1.0 and HTTP/1.1.");
    }

    public static BlobStoreException malformedXml() {
        return new BlobStoreException("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema.");
    }

    /**
     * 416 for a range that starts past the end of a {@code size}-byte object; {@code requested} is the Range header
     * (null when the range came from elsewhere, e.g. {@code partNumber}). The answer carries {@code Content-Range:
     * bytes *}{@code /size} and the {@code RangeRequested} / {@code ActualObjectSize} elements, as AWS sends them
     * (SDKs read the size from them).
     */
    public static BlobStoreException invalidRange(String requested, long size) {
        return new RangeNotSatisfiable(requested, size);
    }

    /** The {@link #invalidRange} error, with what its answer reports. */
    public static final class RangeNotSatisfiable extends BlobStoreException {

        private final String requested;
        private final long size;

        RangeNotSatisfiable(String requested, long size) {
            super("InvalidRange", 416, "The requested range is not satisfiable");
            this.requested = requested;
            this.size = size;
        }

        /** The Range header as the client sent it, or null. */
        public String requested() {
            return requested;
        }

        /** The object's size in bytes. */
        public long size() {
            return size;
        }
    }

    /** 416 for GET/HEAD {@code ?partNumber=N} past the object's parts (a single-part object has one), as AWS. */
    public static BlobStoreException invalidPartNumber() {
        return new BlobStoreException("InvalidPartNumber", 416, "The requested partnumber is not satisfiable");
    }

    public static BlobStoreException invalidBucketName(String bucket) {
        return new BlobStoreException("InvalidBucketName", 400, "The specified bucket is not valid.");
    }

    public static BlobStoreException keyTooLong() {
        return new BlobStoreException("KeyTooLongError", 400, "Your key is too long");
    }

    public static BlobStoreException methodNotAllowed() {
        return new BlobStoreException("MethodNotAllowed", 405,
                "The specified method is not allowed against this resource.");
    }

    public static BlobStoreException notImplemented(String what) {
        return new BlobStoreException("NotImplemented", 501,
                "A header or operation you provided implies functionality that is not implemented: " + what);
    }

    public static BlobStoreException accessDenied() {
        return new BlobStoreException("AccessDenied", 403, "Access Denied");
    }

    public static BlobStoreException badDigest() {
        return new BlobStoreException("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
    }

    public static BlobStoreException invalidDigest() {
        return new BlobStoreException("InvalidDigest", 400, "The Content-MD5 you specified is not valid.");
    }

    public static BlobStoreException incompleteBody() {
        return new BlobStoreException("IncompleteBody", 400,
                "You did not provide the number of bytes specified by the Content-Length HTTP header.");
    }

    public static BlobStoreException missingContentLength() {
        return new BlobStoreException("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
    }

    public static BlobStoreException entityTooLarge() {
        return new BlobStoreException("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size");
    }

    public static BlobStoreException headerTooLarge() {
        return new BlobStoreException("RequestHeaderSectionTooLarge", 400,
                "Your request header section exceeds the maximum allowed size.");
    }

    public static BlobStoreException invalidUri() {
        return new BlobStoreException("InvalidURI", 400, "Couldn't parse the specified URI.");
    }

    public static BlobStoreException noSuchBucketRoute(String bucket) {
        return BlobStoreException.noSuchBucket(bucket);
    }

    public static BlobStoreException notModified() {
        return new BlobStoreException("NotModified", 304, "Not Modified");
    }
}
