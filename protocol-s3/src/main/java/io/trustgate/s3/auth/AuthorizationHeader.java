package io.trustgate.s3.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=a;b, Signature=hex} header.
 */
record AuthorizationHeader(Credential credential, List<String> signedHeaders, String signature) {

    private static final int MAX_SIGNED_HEADERS = 128;

    static AuthorizationHeader parse(String value) throws S3AuthException {
        String text = value.trim();
        if (text.startsWith("AWS ") || text.startsWith("AWS4-ECDSA-P256-SHA256")) {
            throw S3AuthException.invalidRequest("The authorization mechanism you have provided is not supported. "
                    + "Please use AWS4-HMAC-SHA256.");
        }
        if (!text.startsWith(SigV4Crypto.ALGORITHM + " ")) {
            throw S3AuthException.headerMalformed("The authorization header is malformed; the authorization "
                    + "header requires three components: Credential, SignedHeaders, and Signature.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String component : text.substring(SigV4Crypto.ALGORITHM.length() + 1).split(",")) {
            String part = component.trim();
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String content = part.substring(eq + 1).trim();
            switch (name) {
                case "Credential" -> credential = content;
                case "SignedHeaders" -> signedHeaders = content;
                case "Signature" -> signature = content;
                default -> {
                    // Unknown components are ignored, as AWS does.
                }
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw S3AuthException.headerMalformed("The authorization header is malformed; the authorization "
                    + "header requires three components: Credential, SignedHeaders, and Signature.");
        }
        return new AuthorizationHeader(Credential.parse(credential, false), parseSignedHeaders(signedHeaders, false),
                signature);
    }

    /** Splits {@code a;b;c}; names must be lower-case and include {@code host}. */
    static List<String> parseSignedHeaders(String text, boolean presigned) throws S3AuthException {
        List<String> names = new ArrayList<>();
        for (String name : text.split(";", -1)) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || names.size() >= MAX_SIGNED_HEADERS) {
                throw malformed(presigned, "SignedHeaders \"" + truncate(text) + "\" is not a list of lower-case "
                        + "header names separated by ';'.");
            }
            names.add(name);
        }
        if (!names.contains("host")) {
            throw malformed(presigned, "SignedHeaders must include \"host\".");
        }
        return names;
    }

    private static S3AuthException malformed(boolean presigned, String message) {
        return presigned ? S3AuthException.queryMalformed(message) : S3AuthException.headerMalformed(message);
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
