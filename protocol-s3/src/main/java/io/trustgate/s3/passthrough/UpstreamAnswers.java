package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.ServerSideEncryption;
import io.trustgate.s3.xml.XmlIn;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads upstream answers taken off the wire: an object's attributes from its headers, an S3 error document. */
final class UpstreamAnswers {

    /** The largest error document read (S3's are well under 1 KiB); more is cut off. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    private UpstreamAnswers() {
    }

    /**
     * The attributes of the object a GET or HEAD answer describes; the size is the whole object's (from
     * {@code Content-Range} on a 206).
     */
    static ObjectInfo info(String key, HttpResponse r) {
        HttpHeaders h = r.headers();
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, String> e : h) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                metadata.putIfAbsent(name.substring("x-amz-meta-".length()), e.getValue());
            }
        }
        ObjectProperties p = new ObjectProperties(h.get(HttpHeaderNames.CONTENT_TYPE),
                h.get(HttpHeaderNames.CONTENT_ENCODING), h.get(HttpHeaderNames.CONTENT_DISPOSITION),
                h.get(HttpHeaderNames.CONTENT_LANGUAGE), h.get(HttpHeaderNames.CACHE_CONTROL),
                h.get(HttpHeaderNames.EXPIRES), metadata);
        String etag = h.get(HttpHeaderNames.ETAG);
        return new ObjectInfo(key, size(r), Conversions.bare(etag), time(h.get(HttpHeaderNames.LAST_MODIFIED)), p,
                Conversions.checksums(h.get("x-amz-checksum-crc32"), h.get("x-amz-checksum-crc32c"),
                        h.get("x-amz-checksum-crc64nvme"), h.get("x-amz-checksum-sha1"),
                        h.get("x-amz-checksum-sha256"), h.get("x-amz-checksum-type")),
                Conversions.partsCount(etag), encryption(h));
    }

    /** The {@code x-amz-server-side-encryption*} headers of an upstream answer (SSE-S3, SSE-KMS, SSE-C). */
    static ServerSideEncryption encryption(HttpHeaders h) {
        return ServerSideEncryption.of(h.get(ServerSideEncryption.ALGORITHM_HEADER),
                h.get(ServerSideEncryption.KMS_KEY_ID_HEADER), h.get(ServerSideEncryption.BUCKET_KEY_ENABLED_HEADER),
                h.get(ServerSideEncryption.CUSTOMER_ALGORITHM_HEADER),
                h.get(ServerSideEncryption.CUSTOMER_KEY_MD5_HEADER));
    }

    /** The whole object's size: the total of {@code Content-Range} on a 206, else {@code Content-Length}. */
    static long size(HttpResponse r) {
        if (r.status().code() == 206) {
            String range = r.headers().get(HttpHeaderNames.CONTENT_RANGE);
            int slash = range == null ? -1 : range.lastIndexOf('/');
            if (slash >= 0) {
                try {
                    return Long.parseLong(range.substring(slash + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            return -1;
        }
        return io.netty.handler.codec.http.HttpUtil.getContentLength(r, 0L);
    }

    /** Where the body of a 206 starts in the object ({@code Content-Range: bytes first-last/size}), else 0. */
    static long firstByte(HttpResponse r) {
        if (r.status().code() != 206) {
            return 0;
        }
        String range = r.headers().get(HttpHeaderNames.CONTENT_RANGE);
        if (range == null || !range.startsWith("bytes ")) {
            return -1;
        }
        int dash = range.indexOf('-');
        try {
            return Long.parseLong(range.substring("bytes ".length(), dash).trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The part a 206 to a GET or HEAD with {@code ?partNumber} holds, from its {@code Content-Range}; empty for any
     * other answer or a range that does not parse.
     */
    static Optional<BlobReader.Part> part(HttpResponse r) {
        long first = firstByte(r);
        String range = r.headers().get(HttpHeaderNames.CONTENT_RANGE);
        if (r.status().code() != 206 || first < 0 || range == null) {
            return Optional.empty();
        }
        int dash = range.indexOf('-');
        int slash = range.indexOf('/');
        try {
            long last = Long.parseLong(range.substring(dash + 1, slash).trim());
            return last < first ? Optional.empty() : Optional.of(new BlobReader.Part(first, last - first + 1));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Instant time(String httpDate) {
        Date d = httpDate == null ? null : DateFormatter.parseHttpDate(httpDate);
        return d == null ? Instant.EPOCH : d.toInstant();
    }

    /** The error an upstream answer of {@code status} with {@code body} (an S3 error document, or empty) means. */
    static BlobStoreException error(BackendErrors errors, int status, ByteBuf body) {
        String code = null;
        String message = null;
        if (body != null && body.isReadable()) {
            try {
                XmlIn.Element root = XmlIn.parse(ByteBufUtil.getBytes(body));
                if (root.name().equals("Error")) {
                    code = root.childText("Code");
                    message = root.childText("Message");
                }
            } catch (XmlIn.MalformedXmlException e) {
                // not an S3 error document (a proxy's HTML page...): the status decides the code
            }
        }
        return errors.fromAnswer(status, code, message, null);
    }
}
