package io.trustgate.s3.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 on an S3 request, from the Authorization header or from a presigned query
 * string, and reports how the body is protected. Checks, in order: one auth mechanism only; the header or query
 * parameters are well formed; credential scope (service {@code s3}, terminator {@code aws4_request}, date equal to
 * the request date); {@code x-amz-content-sha256} is a known value; the request time is within 15 minutes of the
 * clock (header auth) or the presigned URL is neither expired nor beyond the 7-day limit; the access key exists; the
 * signature matches (constant-time). Thread-safe; never blocks beyond the {@link CredentialStore} lookup.
 */
public final class SigV4Verifier {

    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final long MAX_PRESIGNED_EXPIRES_SECONDS = 7 * 24 * 3600;
    static final String SERVICE = "s3";

    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    private final CredentialStore credentials;
    private final Clock clock;
    private final SigningKeyCache keyCache = new SigningKeyCache(1024);

    public SigV4Verifier(CredentialStore credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies the request's signature. A request that carries neither an Authorization header nor a presigned
     * query is {@link Authentication#anonymous() anonymous}: the caller decides whether the bucket allows that.
     *
     * @throws S3AuthException with the S3 error code and status to answer with
     */
    public Authentication verify(SignedRequest request) throws S3AuthException {
        String authorization = request.header("authorization");
        List<CanonicalRequest.QueryParam> query = CanonicalRequest.parseQuery(request.rawQuery());
        boolean presigned = find(query, "X-Amz-Algorithm") != null;
        if (authorization != null && presigned) {
            throw S3AuthException.invalidArgument("Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                    + "parameter or the Authorization header should be specified");
        }
        if (authorization != null) {
            return verifyHeader(request, authorization, query);
        }
        if (presigned) {
            return verifyPresigned(request, query);
        }
        if (find(query, "X-Amz-Signature") != null || find(query, "X-Amz-Credential") != null) {
            throw S3AuthException.queryMalformed("Query-string authentication version 4 requires the "
                    + "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, "
                    + "and X-Amz-Expires parameters.");
        }
        return verifyAnonymous(request);
    }

    private Authentication verifyAnonymous(SignedRequest request) throws S3AuthException {
        String contentSha256 = request.header(CONTENT_SHA256);
        if (contentSha256 == null) {
            return Authentication.anonymous();
        }
        PayloadMode mode = payloadMode(contentSha256);
        if (mode.signsChunks()) {
            throw S3AuthException.invalidRequest(
                    "x-amz-content-sha256 " + contentSha256 + " needs a signed request; this request is anonymous.");
        }
        return mode == PayloadMode.UNSIGNED_PAYLOAD ? Authentication.anonymous()
                : Authentication.anonymous(mode, mode == PayloadMode.SHA256 ? lower(contentSha256) : null);
    }

    private Authentication verifyHeader(SignedRequest request, String authorization,
                                        List<CanonicalRequest.QueryParam> query) throws S3AuthException {
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        String contentSha256 = request.header(CONTENT_SHA256);
        if (contentSha256 == null) {
            throw S3AuthException.invalidRequest("Missing required header for this request: x-amz-content-sha256");
        }
        PayloadMode mode = payloadMode(contentSha256);
        RequestTime time = RequestTime.fromHeaders(request.header("x-amz-date"), request.header("date"));
        header.credential().requireDate(time.date(), false);
        Instant now = clock.instant();
        if (Duration.between(time.instant(), now).abs().compareTo(MAX_SKEW) > 0) {
            throw S3AuthException.requestTimeTooSkewed();
        }
        String canonicalQuery = CanonicalRequest.canonicalQuery(query, null);
        return verifySignature(request, header.credential(), header.signedHeaders(), header.signature(), time,
                canonicalQuery, List.of(contentSha256), mode, false);
    }

    private Authentication verifyPresigned(SignedRequest request, List<CanonicalRequest.QueryParam> query)
            throws S3AuthException {
        String algorithm = decoded(query, "X-Amz-Algorithm");
        String credentialText = decoded(query, "X-Amz-Credential");
        String date = decoded(query, "X-Amz-Date");
        String expires = decoded(query, "X-Amz-Expires");
        String signedHeaders = decoded(query, "X-Amz-SignedHeaders");
        String signature = decoded(query, "X-Amz-Signature");
        if (credentialText == null || date == null || expires == null || signedHeaders == null || signature == null) {
            throw S3AuthException.queryMalformed("Query-string authentication version 4 requires the "
                    + "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, "
                    + "and X-Amz-Expires parameters.");
        }
        if (!SigV4Crypto.ALGORITHM.equals(algorithm)) {
            throw S3AuthException.queryMalformed("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        Credential credential = Credential.parse(credentialText, true);
        RequestTime time = RequestTime.fromAmzDate(date, true);
        credential.requireDate(time.date(), true);
        long expiresSeconds = parseExpires(expires);
        Instant now = clock.instant();
        if (time.instant().minus(MAX_SKEW).isAfter(now)) {
            throw S3AuthException.accessDenied("Request is not valid yet");
        }
        if (now.isAfter(time.instant().plusSeconds(expiresSeconds))) {
            throw S3AuthException.accessDenied("Request has expired");
        }
        List<String> signed = AuthorizationHeader.parseSignedHeaders(signedHeaders, true);
        requireAmzHeadersSigned(request, signed);
        String contentSha256 = request.header(CONTENT_SHA256);
        PayloadMode mode = contentSha256 == null ? PayloadMode.UNSIGNED_PAYLOAD : payloadMode(contentSha256);
        // Presigners sign UNSIGNED-PAYLOAD; a client that also sends x-amz-content-sha256 may have signed that.
        List<String> payloadHashes = contentSha256 == null || contentSha256.equals(UNSIGNED)
                ? List.of(UNSIGNED) : List.of(contentSha256, UNSIGNED);
        String canonicalQuery = CanonicalRequest.canonicalQuery(query, "X-Amz-Signature");
        return verifySignature(request, credential, signed, signature, time, canonicalQuery, payloadHashes, mode,
                true);
    }

    /**
     * A presigned URL fixes the x-amz-* headers it was signed with: one added by whoever holds the URL (an ACL,
     * metadata, a storage class) is refused, as S3 does.
     */
    private static void requireAmzHeadersSigned(SignedRequest request, List<String> signedHeaders)
            throws S3AuthException {
        for (String name : request.headers().keySet()) {
            if (name.startsWith("x-amz-") && !name.equals(CONTENT_SHA256) && !signedHeaders.contains(name)) {
                throw S3AuthException.accessDenied("There were headers present in the request which were not "
                        + "signed: " + name);
            }
        }
    }

    private Authentication verifySignature(SignedRequest request, Credential credential, List<String> signedHeaders,
                                           String signature, RequestTime time, String canonicalQuery,
                                           List<String> payloadHashes, PayloadMode mode, boolean presigned)
            throws S3AuthException {
        String secret = credentials.secretKey(credential.accessKeyId())
                .orElseThrow(S3AuthException::invalidAccessKeyId);
        byte[] signingKey = keyCache.signingKey(secret, credential.date(), credential.region(), SERVICE);
        String scope = credential.scope();
        String canonicalHeaders = CanonicalRequest.canonicalHeaders(request.headers(), signedHeaders);
        String signedHeaderList = String.join(";", signedHeaders);
        String provided = signature.toLowerCase(Locale.ROOT);
        boolean matched = false;
        candidates:
        for (String payloadHash : payloadHashes) {
            for (String uri : uriCandidates(request.rawPath())) {
                String canonical = CanonicalRequest.build(request.method(), uri, canonicalQuery, canonicalHeaders,
                        signedHeaderList, payloadHash);
                String computed = SigV4Crypto.signatureHex(signingKey,
                        CanonicalRequest.stringToSign(time.amzDate(), scope, canonical));
                if (SigV4Crypto.signaturesMatch(computed, provided)) {
                    matched = true;
                    break candidates;
                }
            }
        }
        if (!matched) {
            throw S3AuthException.signatureDoesNotMatch("The request signature we calculated does not match the "
                    + "signature you provided. Check your key and signing method.");
        }
        return new Authentication(credential.accessKeyId(), mode,
                mode == PayloadMode.SHA256 ? lower(request.header(CONTENT_SHA256)) : null, presigned,
                credential.region(),
                new SigningContext(signingKey, provided, scope, time.amzDate()));
    }

    /**
     * The canonical URI, and the raw path too when it differs: a client that signed its wire path verbatim
     * (without re-encoding reserved characters) still proved possession of the key over those exact bytes.
     */
    private static List<String> uriCandidates(String rawPath) {
        String canonical = CanonicalRequest.canonicalUri(rawPath);
        List<String> candidates = new ArrayList<>(2);
        candidates.add(canonical);
        if (!rawPath.isEmpty() && !rawPath.equals(canonical)) {
            candidates.add(rawPath);
        }
        return candidates;
    }

    private static long parseExpires(String expires) throws S3AuthException {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw S3AuthException.queryMalformed("X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw S3AuthException.queryMalformed("X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
            throw S3AuthException.queryMalformed(
                    "X-Amz-Expires must be less than a week (in seconds) that is 604800 seconds");
        }
        return seconds;
    }

    static PayloadMode payloadMode(String contentSha256) throws S3AuthException {
        if (PayloadMode.UNSIGNED_PAYLOAD.headerValue().equals(contentSha256)) {
            return PayloadMode.UNSIGNED_PAYLOAD;
        }
        PayloadMode streaming = PayloadMode.streamingFromHeader(contentSha256);
        if (streaming != null) {
            return streaming;
        }
        if (SigV4Crypto.isLowerHex64(lower(contentSha256))) {
            return PayloadMode.SHA256;
        }
        throw S3AuthException.invalidArgument("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a STREAMING-* value, "
                + "or a valid sha256 value.");
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static CanonicalRequest.QueryParam find(List<CanonicalRequest.QueryParam> query, String name) {
        for (CanonicalRequest.QueryParam param : query) {
            if (param.name().equals(name)) {
                return param;
            }
        }
        return null;
    }

    private static String decoded(List<CanonicalRequest.QueryParam> query, String name) {
        CanonicalRequest.QueryParam param = find(query, name);
        return param == null ? null : CanonicalRequest.decode(param.value());
    }
}
