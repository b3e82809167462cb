package io.trustgate.s3.auth;

/**
 * An authentication or body-integrity failure, with the S3 error code and HTTP status the client must see. The
 * message is safe to send to the client: it never contains a secret or a computed signature.
 */
public final class S3AuthException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;

    public S3AuthException(String code, int httpStatus, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The S3 error code, e.g. {@code SignatureDoesNotMatch}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        return code + " (" + httpStatus + "): " + getMessage();
    }

    static S3AuthException signatureDoesNotMatch(String message) {
        return new S3AuthException("SignatureDoesNotMatch", 403, message);
    }

    static S3AuthException accessDenied(String message) {
        return new S3AuthException("AccessDenied", 403, message);
    }

    static S3AuthException invalidAccessKeyId() {
        return new S3AuthException("InvalidAccessKeyId", 403,
                "The AWS Access Key Id you provided does not exist in our records.");
    }

    static S3AuthException requestTimeTooSkewed() {
        return new S3AuthException("RequestTimeTooSkewed", 403,
                "The difference between the request time and the current time is too large.");
    }

    static S3AuthException headerMalformed(String message) {
        return new S3AuthException("AuthorizationHeaderMalformed", 400, message);
    }

    static S3AuthException queryMalformed(String message) {
        return new S3AuthException("AuthorizationQueryParametersError", 400, message);
    }

    static S3AuthException contentSha256Mismatch() {
        return new S3AuthException("XAmzContentSHA256Mismatch", 400,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    static S3AuthException incompleteBody(String message) {
        return new S3AuthException("IncompleteBody", 400, message);
    }

    static S3AuthException invalidRequest(String message) {
        return new S3AuthException("InvalidRequest", 400, message);
    }

    static S3AuthException invalidArgument(String message) {
        return new S3AuthException("InvalidArgument", 400, message);
    }
}
