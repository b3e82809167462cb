package io.trustgate.s3.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 2 on an S3 request (what Debian's boto3 and the aws CLI v1 still use by default):
 * the header form {@code Authorization: AWS <AccessKeyId>:<Signature>} with a {@code Date} or {@code x-amz-date}
 * within 15 minutes of the clock, and the presigned query form {@code AWSAccessKeyId}, {@code Signature},
 * {@code Expires} (epoch seconds). The signature is the base64 HMAC-SHA1 of {@link SigV2StringToSign}, compared in
 * constant time. SigV2 never signs the body: the payload is {@link PayloadMode#UNSIGNED_PAYLOAD} unless the request
 * also declares an {@code x-amz-content-sha256} digest (which the server then checks); a Content-MD5 is checked
 * by the body path as for any request. Thread-safe; never blocks beyond the {@link CredentialStore} lookup.
 */
public final class SigV2Verifier {

    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String AMZ_PREFIX = "x-amz-";
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    });

    private final CredentialStore credentials;
    private final Clock clock;

    public SigV2Verifier(CredentialStore credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * True when the request claims Signature Version 2: an {@code Authorization: AWS ...} header, or a query with
     * {@code AWSAccessKeyId} or {@code Signature} and no SigV4 {@code X-Amz-Algorithm}. Cheap; does not verify.
     */
    public static boolean applies(SignedRequest request) {
        String authorization = request.header("authorization");
        if (authorization != null) {
            return authorization.trim().startsWith("AWS ");
        }
        String query = "&" + request.rawQuery();
        return !query.contains("&X-Amz-Algorithm=")
                && (query.contains("&AWSAccessKeyId=") || query.contains("&Signature="));
    }

    /**
     * Verifies a request for which {@link #applies} is true.
     *
     * @param hostBucket the bucket named by the Host header (virtual-hosted style), else {@code null}: the
     *                   CanonicalizedResource starts with it
     * @throws S3AuthException with the S3 error code and status to answer with
     */
    public Authentication verify(SignedRequest request, String hostBucket) throws S3AuthException {
        List<SigV2StringToSign.RawParam> query = SigV2StringToSign.parseQuery(request.rawQuery());
        String authorization = request.header("authorization");
        boolean presigned = SigV2StringToSign.find(query, "AWSAccessKeyId") != null
                || SigV2StringToSign.find(query, "Signature") != null;
        if (authorization != null && presigned || SigV2StringToSign.find(query, "X-Amz-Algorithm") != null) {
            throw S3AuthException.invalidArgument("Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                    + "parameter, Signature query string parameter or the Authorization header should be specified");
        }
        PayloadMode mode = payloadMode(request);
        List<String> resources = new ArrayList<>(2);
        resources.add(SigV2StringToSign.canonicalResource(hostBucket, request.rawPath(), query));
        String path = request.rawPath();
        if (hostBucket == null && path.length() > 1 && path.indexOf('/', 1) < 0) {
            // A path-style request to the bucket itself ("/bucket"): signers (botocore, S3Proxy's check) and S3
            // name the resource "/bucket/", as virtual-hosted requests to the bucket do.
            resources.add(SigV2StringToSign.canonicalResource(null, path + "/", query));
        }
        return presigned ? verifyPresigned(request, query, resources, mode)
                : verifyHeader(request, authorization, resources, mode);
    }

    private Authentication verifyHeader(SignedRequest request, String authorization, List<String> resources,
                                        PayloadMode mode) throws S3AuthException {
        String keyAndSignature = authorization.trim().substring("AWS ".length()).trim();
        int colon = keyAndSignature.lastIndexOf(':');
        if (colon <= 0 || colon == keyAndSignature.length() - 1) {
            throw S3AuthException.invalidArgument("AWS authorization header is invalid.  Expected "
                    + "AwsAccessKeyId:signature");
        }
        String accessKeyId = keyAndSignature.substring(0, colon);
        String signature = keyAndSignature.substring(colon + 1);
        String xAmzDate = request.header("x-amz-date");
        Instant time = requestTime(xAmzDate != null ? xAmzDate : request.header("date"));
        if (Duration.between(time, clock.instant()).abs().compareTo(SigV4Verifier.MAX_SKEW) > 0) {
            throw S3AuthException.requestTimeTooSkewed();
        }
        // With x-amz-date the Date line is empty (the specification's text); its Delete example puts the
        // x-amz-date value there instead, so that is accepted as well.
        List<String> dates = xAmzDate == null ? List.of(request.header("date").trim())
                : List.of("", xAmzDate.trim());
        Map<String, List<String>> amzHeaders = amzHeaders(request, List.of());
        return check(request, accessKeyId, signature, dates, amzHeaders, resources, request.header("content-md5"),
                request.header("content-type"), mode, false);
    }

    private Authentication verifyPresigned(SignedRequest request, List<SigV2StringToSign.RawParam> query,
                                           List<String> resources, PayloadMode mode) throws S3AuthException {
        String accessKeyId = SigV2StringToSign.find(query, "AWSAccessKeyId");
        String signature = SigV2StringToSign.find(query, "Signature");
        String expires = SigV2StringToSign.find(query, "Expires");
        if (accessKeyId == null || signature == null || expires == null) {
            throw S3AuthException.accessDenied("Query-string authentication requires the Signature, Expires and "
                    + "AWSAccessKeyId parameters");
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires.trim());
        } catch (NumberFormatException e) {
            throw S3AuthException.accessDenied("Invalid date (should be seconds since epoch): " + truncate(expires));
        }
        if (clock.instant().getEpochSecond() > expiresAt) {
            throw S3AuthException.accessDenied("Request has expired");
        }
        // A signer puts the x-amz-* headers (and Content-Type/MD5) it signed into the query when the URL's holder
        // will not send them as headers; either place counts.
        Map<String, List<String>> amzHeaders = amzHeaders(request, query);
        String contentMd5 = orElse(request.header("content-md5"), SigV2StringToSign.find(query, "content-md5"));
        String contentType = orElse(request.header("content-type"), SigV2StringToSign.find(query, "content-type"));
        // A '+' of the base64 signature sent unencoded reads as a space in some decoders; base64 has none.
        return check(request, accessKeyId, signature.replace(' ', '+'), List.of(expires.trim()), amzHeaders,
                resources, contentMd5, contentType, mode, true);
    }

    private Authentication check(SignedRequest request, String accessKeyId, String signature, List<String> dates,
                                 Map<String, List<String>> amzHeaders, List<String> resources, String contentMd5,
                                 String contentType, PayloadMode mode, boolean presigned) throws S3AuthException {
        String secret = credentials.secretKey(accessKeyId).orElseThrow(S3AuthException::invalidAccessKeyId);
        byte[] provided = signature.trim().getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String date : dates) {
            for (String resource : resources) {
                String stringToSign = SigV2StringToSign.build(request.method(), contentMd5, contentType, date,
                        amzHeaders, resource);
                byte[] computed = BASE64.encode(hmacSha1(secret, stringToSign));
                matched |= MessageDigest.isEqual(computed, provided); // constant time; the base64 text, as sent
            }
        }
        if (!matched) {
            throw S3AuthException.signatureDoesNotMatch("The request signature we calculated does not match the "
                    + "signature you provided. Check your key and signing method.");
        }
        String sha256 = mode == PayloadMode.SHA256 ? request.header(CONTENT_SHA256).toLowerCase(Locale.ROOT) : null;
        return new Authentication(accessKeyId, mode, sha256, presigned, null, null);
    }

    /**
     * The body is not signed; a declared hex digest or unsigned aws-chunked trailer is still honoured, but chunk
     * signatures chain from a SigV4 seed signature that SigV2 does not have.
     */
    private static PayloadMode payloadMode(SignedRequest request) throws S3AuthException {
        String contentSha256 = request.header(CONTENT_SHA256);
        if (contentSha256 == null) {
            return PayloadMode.UNSIGNED_PAYLOAD;
        }
        PayloadMode mode = SigV4Verifier.payloadMode(contentSha256);
        if (mode.signsChunks()) {
            throw S3AuthException.invalidRequest("x-amz-content-sha256 " + contentSha256 + " needs a request "
                    + "signed with AWS4-HMAC-SHA256; this request uses Signature Version 2.");
        }
        return mode;
    }

    /** The x-amz-* request headers, plus, for a presigned URL, the x-amz-* query parameters. */
    private static Map<String, List<String>> amzHeaders(SignedRequest request,
                                                        List<SigV2StringToSign.RawParam> query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getKey().startsWith(AMZ_PREFIX)) {
                out.put(header.getKey(), header.getValue());
            }
        }
        for (SigV2StringToSign.RawParam param : query) {
            String name = param.name().toLowerCase(Locale.ROOT);
            if (name.startsWith(AMZ_PREFIX) && !out.containsKey(name)) {
                out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(param.value() == null ? "" : param.value());
            }
        }
        return out;
    }

    /** x-amz-date or Date, in one of the HTTP date formats (RFC 1123, as signers send it); x-amz-date may be ISO. */
    private static Instant requestTime(String text) throws S3AuthException {
        if (text == null) {
            throw missingDate();
        }
        String value = text.trim();
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return RequestTime.fromAmzDate(value, false).instant();
        }
    }

    private static S3AuthException missingDate() {
        return S3AuthException.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
    }

    static byte[] hmacSha1(String secret, String stringToSign) {
        Mac mac = HMAC_SHA1.get();
        try {
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 rejected a key", e);
        }
        return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String truncate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
