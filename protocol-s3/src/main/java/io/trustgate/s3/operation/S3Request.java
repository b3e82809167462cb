package io.trustgate.s3.operation;

import io.netty.handler.codec.http.HttpHeaders;
import io.trustgate.s3.route.QueryParams;
import io.trustgate.s3.route.S3Operation;

/**
 * One classified request: what the handler parsed from the request line and headers. Immutable; the body is
 * reached through {@link Exchange}.
 *
 * @param method    upper-case method
 * @param rawPath   path as on the wire (percent-encoded)
 * @param rawQuery  query as on the wire without {@code ?}, {@code ""} when none
 * @param query     decoded query
 * @param headers   request headers
 * @param bucket    addressed bucket or null (service)
 * @param key       decoded key or null (bucket)
 * @param operation what it asks for
 * @param requestId the id reported in {@code x-amz-request-id} and error bodies
 */
public record S3Request(String method, String rawPath, String rawQuery, QueryParams query, HttpHeaders headers,
                        String bucket, String key, S3Operation operation, String requestId) {

    /** The header's value, or null. */
    public String header(CharSequence name) {
        return headers.get(name);
    }

    /** The resource named in error bodies: the request path, decoded. */
    public String resource() {
        if (bucket == null) {
            return "/";
        }
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }
}
