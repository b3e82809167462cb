package io.trustgate.s3.spi;

/**
 * What a GetObject asks for beyond the object itself, as the client sent it, for a backend whose own upstream can
 * answer it (the S3 passthrough forwards these headers, so the upstream sends only the bytes that will be served
 * and no body at all for a failed condition), or that fetches the first bytes together with the attributes (Azure).
 * Each field is the raw header value, null when absent.
 *
 * <p>A hint, not a decision: the server still evaluates the conditions and the range against the opened version's
 * {@link ObjectInfo} and answers the client itself, so a backend that ignores these stays correct.
 *
 * @param range             the {@code Range} header
 * @param ifMatch           {@code If-Match}
 * @param ifNoneMatch       {@code If-None-Match}
 * @param ifModifiedSince   {@code If-Modified-Since}
 * @param ifUnmodifiedSince {@code If-Unmodified-Since}
 */
public record ReadHints(String range, String ifMatch, String ifNoneMatch, String ifModifiedSince,
                        String ifUnmodifiedSince) {

    /** No range, no conditions. */
    public static final ReadHints NONE = new ReadHints(null, null, null, null, null);
}
