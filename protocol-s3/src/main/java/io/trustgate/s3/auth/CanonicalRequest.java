package io.trustgate.s3.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Builds the SigV4 canonical request the way AWS defines it for S3:
 * <pre>
 * method \n canonical URI \n canonical query \n canonical headers (each "name:value\n") \n signed headers \n payload
 * </pre>
 * S3 does not double-encode or normalise the path: the canonical URI is the path as received with each byte
 * put into the one canonical form (unreserved characters literal, everything else {@code %XX} upper-case, '/' kept,
 * an encoded {@code %2F} kept encoded). Stateless.
 */
final class CanonicalRequest {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final Comparator<QueryParam> BY_NAME_THEN_VALUE =
            Comparator.comparing(QueryParam::name).thenComparing(QueryParam::value);

    private CanonicalRequest() {
    }

    /** One query parameter, both parts already in canonical (encoded) form. */
    record QueryParam(String name, String value) {
    }

    static String build(String method, String canonicalUri, String canonicalQuery, String canonicalHeaders,
                        String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return SigV4Crypto.ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + SigV4Crypto.sha256Hex(canonicalRequest);
    }

    /** The canonical URI of a raw (wire) path; {@code "/"} for an empty path. */
    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        return canonicalize(rawPath, true);
    }

    /** Splits a raw query into canonical parameters; a parameter without '=' has an empty value. */
    static List<QueryParam> parseQuery(String rawQuery) {
        List<QueryParam> params = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return params;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                String pair = rawQuery.substring(start, end);
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.add(new QueryParam(canonicalize(name, false), canonicalize(value, false)));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return params;
    }

    /** The canonical query string: parameters sorted by name then value, {@code excluded} left out. */
    static String canonicalQuery(List<QueryParam> params, String excludedName) {
        List<QueryParam> sorted = new ArrayList<>(params.size());
        for (QueryParam param : params) {
            if (!param.name().equals(excludedName)) {
                sorted.add(param);
            }
        }
        sorted.sort(BY_NAME_THEN_VALUE);
        StringBuilder out = new StringBuilder();
        for (QueryParam param : sorted) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(param.name()).append('=').append(param.value());
        }
        return out.toString();
    }

    /**
     * The canonical headers block: for each signed header, in the given order, {@code name:value\n}, where the
     * values of a repeated header are joined with ',' and each is trimmed with inner runs of blanks (spaces,
     * tabs) folded to one space, as the AWS SDKs and botocore do.
     */
    static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder(256);
        for (String name : signedHeaders) {
            appendHeader(out, name, headers.get(name));
        }
        return out.toString();
    }

    /** The canonical headers block of every header in {@code headers} (names lower-case), in the map's order. */
    static String canonicalHeaders(SortedMap<String, List<String>> headers) {
        StringBuilder out = new StringBuilder(256);
        headers.forEach((name, values) -> appendHeader(out, name, values));
        return out.toString();
    }

    private static void appendHeader(StringBuilder out, String name, List<String> values) {
        out.append(name).append(':');
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendTrimmed(out, values.get(i));
            }
        }
        out.append('\n');
    }

    private static void appendTrimmed(StringBuilder out, String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isBlank(value.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(value.charAt(end - 1))) {
            end--;
        }
        boolean inSpaces = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isBlank(c)) {
                if (!inSpaces) {
                    out.append(' ');
                }
                inSpaces = true;
            } else {
                out.append(c);
                inSpaces = false;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Puts every byte of a raw (wire) component into canonical form: {@code %XX} escapes are decoded, then every
     * byte that is not unreserved (A-Z a-z 0-9 - . _ ~) is written {@code %XX} upper-case. With {@code keepSlash},
     * a literal '/' stays (path separators) while an escaped {@code %2F} stays escaped. A '%' not followed by two
     * hex digits is taken literally.
     */
    static String canonicalize(String raw, boolean keepSlash) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
                int decoded = hexValue(bytes[i + 1]) << 4 | hexValue(bytes[i + 2]);
                i += 2;
                appendEncoded(out, decoded);
            } else if (b == '/' && keepSlash) {
                out.append('/');
            } else {
                appendEncoded(out, b);
            }
        }
        return out.toString();
    }

    /** Percent-encodes every UTF-8 byte of raw text outside the unreserved set (no '%' is taken as an escape). */
    static String encode(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            appendEncoded(out, b & 0xff);
        }
        return out.toString();
    }

    /** Decodes a canonical (well-formed, percent-encoded UTF-8) component back to text. */
    static String decode(String canonical) {
        if (canonical.indexOf('%') < 0) {
            return canonical;
        }
        byte[] out = new byte[canonical.length()];
        int n = 0;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == '%' && i + 2 < canonical.length()) {
                out[n++] = (byte) (hexValue((byte) canonical.charAt(i + 1)) << 4
                        | hexValue((byte) canonical.charAt(i + 2)));
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static void appendEncoded(StringBuilder out, int b) {
        if (isUnreserved(b)) {
            out.append((char) b);
        } else {
            out.append('%').append(UPPER_HEX[b >>> 4]).append(UPPER_HEX[b & 0xf]);
        }
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
