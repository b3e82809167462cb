package io.trustgate.s3.operation;

import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.route.PercentCodec;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectSummary;
import io.trustgate.s3.xml.XmlOut;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;

/** ListObjects (V1), ListObjectsV2 and ListObjectVersions (unversioned: every version id is {@code null}). */
final class ListOperations {

    private ListOperations() {
    }

    static void listV1(Exchange ex) {
        S3Request r = ex.request();
        UnaryOperator<String> enc = encoder(r);
        String prefix = r.query().first("prefix", "");
        String delimiter = emptyToNull(r.query().first("delimiter"));
        String marker = r.query().first("marker", "");
        int maxKeys = Responses.intParam(r, "max-keys", 1000, 0, 1000);
        ListObjectsRequest req = new ListObjectsRequest(r.bucket(), prefix, delimiter, marker, maxKeys);
        Responses.on(ex, ex.route().store().listObjects(req), page ->
                Responses.ok(ex, XmlOut.document("ListBucketResult", true, x -> {
                    x.element("Name", r.bucket()).element("Prefix", enc.apply(prefix))
                            .element("Marker", enc.apply(marker)).element("MaxKeys", maxKeys)
                            .element("Delimiter", delimiter == null ? null : enc.apply(delimiter))
                            .element("IsTruncated", page.truncated());
                    if (page.truncated() && delimiter != null) {
                        // As AWS: only with a delimiter; without one the client continues from its last key.
                        x.element("NextMarker", enc.apply(page.nextMarker()));
                    }
                    if (r.query().has("encoding-type")) {
                        x.element("EncodingType", "url");
                    }
                    contents(x, page, enc, true);
                })));
    }

    static void listV2(Exchange ex) {
        S3Request r = ex.request();
        UnaryOperator<String> enc = encoder(r);
        String prefix = r.query().first("prefix", "");
        String delimiter = emptyToNull(r.query().first("delimiter"));
        String token = r.query().first("continuation-token");
        String startAfter = r.query().first("start-after", "");
        int maxKeys = Responses.intParam(r, "max-keys", 1000, 0, 1000);
        boolean fetchOwner = "true".equals(r.query().first("fetch-owner"));
        String marker = token != null ? decodeToken(token) : startAfter;
        ListObjectsRequest req = new ListObjectsRequest(r.bucket(), prefix, delimiter, marker, maxKeys);
        Responses.on(ex, ex.route().store().listObjects(req), page ->
                Responses.ok(ex, XmlOut.document("ListBucketResult", true, x -> {
                    x.element("Name", r.bucket()).element("Prefix", enc.apply(prefix))
                            .element("MaxKeys", maxKeys)
                            .element("Delimiter", delimiter == null ? null : enc.apply(delimiter))
                            .element("KeyCount", page.objects().size() + page.commonPrefixes().size())
                            .element("IsTruncated", page.truncated());
                    if (token != null) {
                        x.element("ContinuationToken", token);
                    }
                    if (page.truncated()) {
                        x.element("NextContinuationToken", encodeToken(page.nextMarker()));
                    }
                    if (!startAfter.isEmpty()) {
                        x.element("StartAfter", enc.apply(startAfter));
                    }
                    if (r.query().has("encoding-type")) {
                        x.element("EncodingType", "url");
                    }
                    contents(x, page, enc, fetchOwner);
                })));
    }

    static void listVersions(Exchange ex) {
        S3Request r = ex.request();
        UnaryOperator<String> enc = encoder(r);
        String prefix = r.query().first("prefix", "");
        String delimiter = emptyToNull(r.query().first("delimiter"));
        String keyMarker = r.query().first("key-marker", "");
        int maxKeys = Responses.intParam(r, "max-keys", 1000, 0, 1000);
        ListObjectsRequest req = new ListObjectsRequest(r.bucket(), prefix, delimiter, keyMarker, maxKeys);
        Responses.on(ex, ex.route().store().listObjects(req), page ->
                Responses.ok(ex, XmlOut.document("ListVersionsResult", true, x -> {
                    x.element("Name", r.bucket()).element("Prefix", enc.apply(prefix))
                            .element("KeyMarker", enc.apply(keyMarker))
                            .element("VersionIdMarker", r.query().first("version-id-marker", ""))
                            .element("MaxKeys", maxKeys)
                            .element("Delimiter", delimiter == null ? null : enc.apply(delimiter))
                            .element("IsTruncated", page.truncated());
                    if (page.truncated()) {
                        x.element("NextKeyMarker", enc.apply(page.nextMarker())).element("NextVersionIdMarker", "null");
                    }
                    if (r.query().has("encoding-type")) {
                        x.element("EncodingType", "url");
                    }
                    for (ObjectSummary o : page.objects()) {
                        x.start("Version").element("Key", enc.apply(o.key())).element("VersionId", "null")
                                .element("IsLatest", true).element("LastModified", ObjectHeaders.listed(o.lastModified()))
                                .element("ETag", ObjectHeaders.quote(o.etag())).element("Size", o.size());
                        owner(x);
                        x.element("StorageClass", "STANDARD").end();
                    }
                    prefixes(x, page, enc);
                })));
    }

    private static void contents(XmlOut x, ObjectListing page, UnaryOperator<String> enc, boolean withOwner) {
        for (ObjectSummary o : page.objects()) {
            x.start("Contents").element("Key", enc.apply(o.key()))
                    .element("LastModified", ObjectHeaders.listed(o.lastModified()))
                    .element("ETag", ObjectHeaders.quote(o.etag())).element("Size", o.size());
            if (withOwner) {
                owner(x);
            }
            x.element("StorageClass", "STANDARD").end();
        }
        prefixes(x, page, enc);
    }

    private static void prefixes(XmlOut x, ObjectListing page, UnaryOperator<String> enc) {
        for (String p : page.commonPrefixes()) {
            x.start("CommonPrefixes").element("Prefix", enc.apply(p)).end();
        }
    }

    static void owner(XmlOut x) {
        x.start("Owner").element("ID", Responses.OWNER_ID).element("DisplayName", Responses.OWNER_ID).end();
    }

    /** Identity, or URL-encoding for {@code encoding-type=url}; any other encoding type is InvalidArgument. */
    static UnaryOperator<String> encoder(S3Request r) {
        String type = r.query().first("encoding-type");
        if (type == null) {
            return s -> s;
        }
        if (!type.equals("url")) {
            throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request");
        }
        return s -> s == null ? null : PercentCodec.encode(s);
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Continuation tokens are the next marker, base64url-encoded: opaque to clients, stateless here. */
    static String encodeToken(String marker) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The marker of a token {@link #encodeToken} made; anything else (not base64url in the form written, or not
     * UTF-8 inside) is {@code 400 InvalidArgument}, as AWS answers a token it did not issue.
     */
    static String decodeToken(String token) {
        try {
            // Bytes that are not UTF-8 decode to U+FFFD, which encodes back to other bytes: the round trip fails.
            String marker = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (encodeToken(marker).equals(token)) {
                return marker;
            }
        } catch (IllegalArgumentException e) {
            // not a token of ours
        }
        throw S3Errors.invalidArgument("The continuation token provided is incorrect");
    }
}
