package io.trustgate.s3.operation;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.route.QueryParams;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.ServerSideEncryption;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Object properties from request headers, and object response headers from stored attributes. */
public final class ObjectHeaders {

    static final String META_PREFIX = "x-amz-meta-";
    static final String DEFAULT_CONTENT_TYPE = ObjectProperties.DEFAULT_CONTENT_TYPE;

    private ObjectHeaders() {
    }

    /**
     * A {@code Content-Length} or {@code x-amz-decoded-content-length} value: -1 when absent, InvalidArgument when
     * not a non-negative number.
     */
    public static long length(String value) {
        if (value == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Invalid content length: " + value);
        }
    }

    /** What a PutObject / CreateMultipartUpload / CopyObject REPLACE sets: content headers and user metadata. */
    public static ObjectProperties properties(HttpHeaders headers) {
        Map<String, String> meta = new TreeMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(META_PREFIX) && name.length() > META_PREFIX.length()) {
                meta.merge(name.substring(META_PREFIX.length()), h.getValue(), (a, b) -> a + "," + b);
            }
        }
        return new ObjectProperties(headers.get(HttpHeaderNames.CONTENT_TYPE), contentEncoding(headers),
                headers.get(HttpHeaderNames.CONTENT_DISPOSITION), headers.get(HttpHeaderNames.CONTENT_LANGUAGE),
                headers.get(HttpHeaderNames.CACHE_CONTROL), headers.get(HttpHeaderNames.EXPIRES), meta);
    }

    /** Content-Encoding without the {@code aws-chunked} transfer token; null when nothing else remains. */
    static String contentEncoding(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.CONTENT_ENCODING);
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String token : value.split(",")) {
            String t = token.trim();
            if (!t.isEmpty() && !t.equalsIgnoreCase("aws-chunked")) {
                sb.append(sb.length() == 0 ? "" : ",").append(t);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /**
     * GET/HEAD response headers for {@code info}: ETag, Last-Modified, content headers with {@code response-*}
     * overrides from {@code query}, user metadata, the encryption the store reports, and the stored checksums when
     * {@code withChecksums}.
     */
    public static HttpHeaders forObject(ObjectInfo info, QueryParams query, boolean withChecksums) {
        HttpHeaders h = new DefaultHttpHeaders();
        ObjectProperties p = info.properties();
        h.set(HttpHeaderNames.ETAG, quote(info.etag()));
        h.set(HttpHeaderNames.LAST_MODIFIED, httpDate(info));
        h.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        set(h, HttpHeaderNames.CONTENT_TYPE, query.first("response-content-type",
                p.contentType() == null ? DEFAULT_CONTENT_TYPE : p.contentType()));
        set(h, HttpHeaderNames.CONTENT_ENCODING, query.first("response-content-encoding", p.contentEncoding()));
        set(h, HttpHeaderNames.CONTENT_DISPOSITION, query.first("response-content-disposition", p.contentDisposition()));
        set(h, HttpHeaderNames.CONTENT_LANGUAGE, query.first("response-content-language", p.contentLanguage()));
        set(h, HttpHeaderNames.CACHE_CONTROL, query.first("response-cache-control", p.cacheControl()));
        set(h, HttpHeaderNames.EXPIRES, query.first("response-expires", p.expires()));
        for (Map.Entry<String, String> m : p.userMetadata().entrySet()) {
            h.set(META_PREFIX + m.getKey(), m.getValue());
        }
        if (info.partsCount() > 0 && query.has("partNumber")) {
            h.set("x-amz-mp-parts-count", info.partsCount());
        }
        encryption(h, info);
        if (withChecksums) {
            checksums(h, info);
        }
        return h;
    }

    /**
     * Adds the {@code x-amz-server-side-encryption*} headers the store reported for the object (an S3 passthrough:
     * its upstream's), none for the others.
     */
    public static void encryption(HttpHeaders h, ObjectInfo info) {
        ServerSideEncryption e = info.encryption();
        if (!e.reported()) {
            return;
        }
        set(h, ServerSideEncryption.ALGORITHM_HEADER, e.algorithm());
        set(h, ServerSideEncryption.KMS_KEY_ID_HEADER, e.kmsKeyId());
        set(h, ServerSideEncryption.BUCKET_KEY_ENABLED_HEADER, e.bucketKeyEnabled());
        set(h, ServerSideEncryption.CUSTOMER_ALGORITHM_HEADER, e.customerAlgorithm());
        set(h, ServerSideEncryption.CUSTOMER_KEY_MD5_HEADER, e.customerKeyMd5());
    }

    /** Adds {@code x-amz-checksum-<alg>} and {@code x-amz-checksum-type} for each stored checksum. */
    public static void checksums(HttpHeaders h, ObjectInfo info) {
        for (Checksum c : info.checksums()) {
            h.set(c.headerName(), c.value());
            h.set("x-amz-checksum-type", c.type().name());
        }
    }

    static void set(HttpHeaders h, CharSequence name, String value) {
        if (value != null) {
            h.set(name, value);
        }
    }

    /** The wire form of a bare ETag. */
    public static String quote(String etag) {
        return "\"" + etag + "\"";
    }

    /**
     * An object's LastModified as listings and copy results write it: in whole seconds, the same instant as its
     * {@code Last-Modified} header (an HTTP date has no fraction). S3 lists whole seconds; a listing with the
     * milliseconds a backend kept would differ from what GET/HEAD said, and tools that compare the two (aws s3 sync
     * --exact-timestamps sets a download's mtime from the header, then compares it with the listing) see a change.
     */
    static Instant listed(Instant lastModified) {
        return lastModified == null ? null : lastModified.truncatedTo(ChronoUnit.SECONDS);
    }

    static String httpDate(ObjectInfo info) {
        return DateFormatter.format(Date.from(info.lastModified()));
    }
}
