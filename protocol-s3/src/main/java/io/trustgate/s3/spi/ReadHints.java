package io.trustgate.s3.spi;

/**
 * What a GetObject asks for beyond the object itself, as the client sent it, for a backend whose own upstream can
 * answer it (the S3 passthrough forwards these headers, so the upstream sends only the bytes that will be served
 * and no body at all for a failed condition), or that fetches the first bytes together with the attributes (Azure).
 * Each field is the raw header value, null when absent.
 *
 * <p>A hint, not a decision: the server still evaluates the conditions and the range against the opened version's
 * {@link ObjectInfo} and answers the client itself, so a backend that ignores these stays correct. The one
 * exception is {@code customerKey}: not a hint but part of what is read (see {@link CustomerKey}); only a store that
 * declares {@link BlobCapability#CUSTOMER_KEY_READS} is given one, on HeadObject too, and it must send it.
 *
 * @param range             the {@code Range} header
 * @param ifMatch           {@code If-Match}
 * @param ifNoneMatch       {@code If-None-Match}
 * @param ifModifiedSince   {@code If-Modified-Since}
 * @param ifUnmodifiedSince {@code If-Unmodified-Since}
 * @param customerKey       the SSE-C key the client sent, or null
 * @param partNumber        the {@code ?partNumber=N} asked for (then {@code range} is null), or 0
 */
public record ReadHints(String range, String ifMatch, String ifNoneMatch, String ifModifiedSince,
                        String ifUnmodifiedSince, CustomerKey customerKey, int partNumber) {

    /** No range, no conditions, no key. */
    public static final ReadHints NONE = new ReadHints(null, null, null, null, null);

    /** A range, conditions and a customer key, no part number. */
    public ReadHints(String range, String ifMatch, String ifNoneMatch, String ifModifiedSince,
                     String ifUnmodifiedSince, CustomerKey customerKey) {
        this(range, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, customerKey, 0);
    }

    /** A range and conditions without a customer key. */
    public ReadHints(String range, String ifMatch, String ifNoneMatch, String ifModifiedSince,
                     String ifUnmodifiedSince) {
        this(range, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, null);
    }
}
