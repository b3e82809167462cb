package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.BlobStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the upstream call failed with into the error the client gets. An S3 error answer keeps its code,
 * message and status; an unreachable or silent upstream is {@code 503 ServiceUnavailable} naming the backend; a
 * rejection of the backend's own credentials is {@code 403 AccessDenied} that says so (the client's signature was
 * fine: passing on {@code SignatureDoesNotMatch} would send it looking in the wrong place). An upstream
 * {@code SignatureDoesNotMatch} says only that the upstream refused the signature of the forwarded request, not that
 * the credentials are wrong: an upstream also answers it for one request while others with the same keys work
 * (S3Proxy on Jetty, for a PUT whose Content-Type is a form, reads the body as form fields). A failed TLS
 * handshake (the upstream's certificate is not trusted or does not name the host) is a 503 that says so.
 *
 * <p>What the client reads names the backend by its configured name only: the upstream's address and the Java
 * exception text stay in the gateway. They travel as the error's cause ({@link UpstreamFailure}), which the
 * server's error log line prints for every 5xx; the credentials and signature cases, 403s, are logged here.
 */
final class BackendErrors {

    private static final Logger log = LoggerFactory.getLogger(BackendErrors.class);

    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "RequestTimeTooSkewed",
            "AuthorizationHeaderMalformed", "InvalidToken", "ExpiredToken");

    private final String backend;
    private final String endpoint;

    BackendErrors(S3PassthroughSettings settings) {
        this.backend = settings.name();
        this.endpoint = settings.endpoint().toString();
    }

    /** Maps any failure of an upstream call; never returns null. */
    BlobStoreException map(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof BlobStoreException e) {
            return e;
        }
        if (t instanceof S3Exception s) {
            return fromS3(s);
        }
        if (tlsFailure(t)) {
            String tls = "TLS to it failed (an untrusted or mismatched certificate: see the backend's tls.caFile)";
            return unavailable(tls, tls + ": " + rootMessage(t), t);
        }
        if (t instanceof SdkClientException || t instanceof IOException || t instanceof TimeoutException
                || t instanceof CancellationException) {
            return unavailable(rootMessage(t), t);
        }
        return BlobStoreException.from(t);
    }

    /** Whether {@code t} or one of its causes is a TLS failure (the SDK path wraps it, Netty's in a decoder error). */
    private static boolean tlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * 503 naming the backend, for a connection that failed or went silent; {@code detail} (what happened, for the
     * gateway's log) and the upstream's address go in the cause, not to the client.
     */
    BlobStoreException unavailable(String detail, Throwable cause) {
        return unavailable(null, detail, cause);
    }

    private BlobStoreException unavailable(String clientDetail, String detail, Throwable cause) {
        return new BlobStoreException("ServiceUnavailable", 503, "The S3 backend '" + backend + "' is unavailable"
                + (clientDetail == null ? "." : ": " + clientDetail + "."),
                new UpstreamFailure("S3 backend '" + backend + "' at " + endpoint + ": " + detail, cause));
    }

    /** The cause of a backend error, with what the client is not told: the upstream's address and the detail. */
    static final class UpstreamFailure extends Exception {

        UpstreamFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BlobStoreException fromS3(S3Exception s) {
        return fromAnswer(s.statusCode(), s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode(),
                s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage(), s);
    }

    /**
     * An upstream error answer: its status and, when it had an S3 error document, its code and message (null
     * when absent; a body-less answer gets the code S3 uses for the status).
     */
    BlobStoreException fromAnswer(int status, String code, String message, Throwable cause) {
        if (code == null || code.isBlank()) {
            code = codeForStatus(status);
        }
        if (message == null || message.isBlank()) {
            message = defaultMessage(code);
        }
        if ("SignatureDoesNotMatch".equals(code)) {
            log.warn("S3 backend '{}' at {} refused the signature of a forwarded request: {} {} (wrong secretKey if "
                    + "every request fails; if only some do, the upstream reads them differently, e.g. a form "
                    + "Content-Type)", backend, endpoint, code, message);
            return new BlobStoreException("AccessDenied", 403, "The S3 backend '" + backend
                    + "' refused the signature of the forwarded request (" + code + ")",
                    new UpstreamFailure("S3 backend '" + backend + "' at " + endpoint + ": " + code + ": " + message,
                            cause));
        }
        if (CREDENTIAL_CODES.contains(code)) {
            log.warn("S3 backend '{}' at {} refused trustgate's credentials for it: {} {}", backend, endpoint, code,
                    message);
            return new BlobStoreException("AccessDenied", 403, "The S3 backend '" + backend
                    + "' refused trustgate's credentials for it (" + code + ")",
                    new UpstreamFailure("S3 backend '" + backend + "' at " + endpoint + ": " + code + ": " + message,
                            cause));
        }
        if (status >= 500) {
            return new BlobStoreException(code, status, message + " (from the S3 backend '" + backend + "')", cause);
        }
        return new BlobStoreException(code, status, message, cause);
    }

    /** What a body-less answer (HEAD) most likely means, as S3 itself would code it. */
    static String codeForStatus(int status) {
        return switch (status) {
            case 304 -> "NotModified";
            case 400 -> "BadRequest";
            case 403 -> "AccessDenied";
            case 404 -> "NoSuchKey";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            case 416 -> "InvalidRange";
            case 501 -> "NotImplemented";
            case 503 -> "ServiceUnavailable";
            default -> status >= 500 ? "InternalError" : "InvalidRequest";
        };
    }

    private static String defaultMessage(String code) {
        return switch (code) {
            case "NoSuchKey" -> "The specified key does not exist.";
            case "PreconditionFailed" -> "At least one of the pre-conditions you specified did not hold";
            case "AccessDenied" -> "Access Denied";
            default -> code;
        };
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        String kind = root.getClass().getSimpleName();
        if (m == null || m.isBlank()) {
            return kind;
        }
        return m.contains(kind) ? m : kind + ": " + m;
    }
}
