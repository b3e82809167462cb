package io.trustgate.s3.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The S3 Signature Version 2 string to sign ("Signing and Authenticating REST Requests"):
 * {@code VERB \n Content-MD5 \n Content-Type \n Date-or-Expires \n CanonicalizedAmzHeaders CanonicalizedResource}.
 * Pure functions, thread-safe.
 */
final class SigV2StringToSign {

    /**
     * The query parameters that belong to the CanonicalizedResource: the sub-resources of the S3 specification
     * (acl, lifecycle, location, logging, notification, partNumber, policy, requestPayment, torrent, uploadId,
     * uploads, versionId, versioning, versions, website, delete, cors, tagging, restore, the response-* overrides)
     * plus the newer ones SigV2 signers (botocore's {@code HmacV1Auth}) also sign; a name a client signs and the
     * server leaves out, or the reverse, breaks the signature, so the two lists must agree.
     */
    static final Set<String> SUB_RESOURCES = Set.of(
            "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle",
            "location", "logging", "metrics", "notification", "object-lock", "partNumber", "policy", "replication",
            "requestPayment", "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "restore", "select",
            "select-type", "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
            "versions", "website");

    /** One raw query parameter: its name as sent, and its value decoded ({@code null} when sent without '='). */
    record RawParam(String name, String value) {
    }

    private SigV2StringToSign() {
    }

    /**
     * @param date            the Date header, the Expires parameter, or "" (x-amz-date present)
     * @param amzHeaders      lower-case x-amz-* names to their values in arrival order
     * @param canonicalResource from {@link #canonicalResource}
     */
    static String build(String method, String contentMd5, String contentType, String date,
                        Map<String, List<String>> amzHeaders, String canonicalResource) {
        StringBuilder out = new StringBuilder(128 + canonicalResource.length());
        out.append(method).append('\n')
                .append(contentMd5 == null ? "" : contentMd5.trim()).append('\n')
                .append(contentType == null ? "" : contentType.trim()).append('\n')
                .append(date).append('\n');
        SortedMap<String, List<String>> sorted = new TreeMap<>(amzHeaders);
        for (Map.Entry<String, List<String>> header : sorted.entrySet()) {
            out.append(header.getKey()).append(':');
            List<String> values = header.getValue();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(unfold(values.get(i)));
            }
            out.append('\n');
        }
        return out.append(canonicalResource).toString();
    }

    /**
     * {@code [/bucket]} (virtual-hosted requests only) + the path exactly as sent (still percent-encoded) + the
     * sub-resources present, sorted by name, with their values decoded, joined by '&amp;' after a '?'.
     *
     * @param hostBucket the bucket named by the Host header, or {@code null} for path-style requests
     */
    static String canonicalResource(String hostBucket, String rawPath, List<RawParam> query) {
        StringBuilder out = new StringBuilder(rawPath.length() + 32);
        if (hostBucket != null) {
            out.append('/').append(hostBucket);
        }
        out.append(rawPath.isEmpty() ? "/" : rawPath);
        List<RawParam> subResources = new ArrayList<>();
        for (RawParam param : query) {
            if (SUB_RESOURCES.contains(param.name())) {
                subResources.add(param);
            }
        }
        if (!subResources.isEmpty()) {
            subResources.sort(Comparator.comparing(RawParam::name)); // stable: repeated names keep their order
            char separator = '?';
            for (RawParam param : subResources) {
                out.append(separator).append(param.name());
                if (param.value() != null) {
                    out.append('=').append(param.value());
                }
                separator = '&';
            }
        }
        return out.toString();
    }

    /** Splits a raw query; names stay as sent, values are percent-decoded ('+' stays '+'). */
    static List<RawParam> parseQuery(String rawQuery) {
        List<RawParam> params = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.add(eq < 0 ? new RawParam(pair, null)
                    : new RawParam(pair.substring(0, eq), decode(pair.substring(eq + 1))));
        }
        return params;
    }

    /** The decoded value of the first parameter named {@code name} ("" when sent without '='), or null. */
    static String find(List<RawParam> query, String name) {
        for (RawParam param : query) {
            if (param.name().equals(name)) {
                return param.value() == null ? "" : param.value();
            }
        }
        return null;
    }

    /** Percent-decoding as the signers do it (no '+' to space); a malformed escape is kept as sent. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** Trims a header value and replaces folding whitespace (a line break and what follows) by one space. */
    private static String unfold(String value) {
        String trimmed = value.trim();
        if (trimmed.indexOf('\n') < 0 && trimmed.indexOf('\r') < 0) {
            return trimmed;
        }
        return trimmed.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
