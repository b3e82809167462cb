package io.trustgate.s3.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that SigV4 covers.
 *
 * @param method   the HTTP method as received, e.g. {@code PUT}
 * @param rawPath  the request path exactly as on the wire, still percent-encoded, without the query
 * @param rawQuery the query exactly as on the wire, without the {@code '?'}; {@code ""} when there is none
 * @param headers  header name (lower-cased by the caller) to its values in arrival order
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(headers, "headers");
    }

    /** The first value of a header (name lower-case), or {@code null}. */
    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
