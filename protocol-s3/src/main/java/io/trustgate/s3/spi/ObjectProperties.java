package io.trustgate.s3.spi;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a client sets on an object besides its bytes; every field is nullable (absent), the map never null.
 *
 * @param contentType        {@code Content-Type}; the server defaults it to {@link #DEFAULT_CONTENT_TYPE} on output
 * @param contentEncoding    {@code Content-Encoding}, after the server removed {@code aws-chunked}
 * @param contentDisposition {@code Content-Disposition}
 * @param contentLanguage    {@code Content-Language}
 * @param cacheControl       {@code Cache-Control}
 * @param expires            {@code Expires}, verbatim
 * @param userMetadata       {@code x-amz-meta-*}: names lower-case without the prefix, values verbatim; sorted
 */
public record ObjectProperties(String contentType, String contentEncoding, String contentDisposition,
                               String contentLanguage, String cacheControl, String expires,
                               Map<String, String> userMetadata) {

    /**
     * AWS's Content-Type for an object stored without one. A backend whose engine fills in a default of its own (Azure:
     * {@code application/octet-stream}) stores this instead, so every backend serves the same type.
     */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    /** No properties at all. */
    public static final ObjectProperties EMPTY = new ObjectProperties(null, null, null, null, null, null, Map.of());

    public ObjectProperties {
        userMetadata = userMetadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(userMetadata));
    }
}
