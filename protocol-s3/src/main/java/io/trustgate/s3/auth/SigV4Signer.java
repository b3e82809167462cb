package io.trustgate.s3.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Signs outgoing S3 requests with SigV4 (the client side of {@link SigV4Verifier}, sharing its canonical-request,
 * request-time, signing-key cache and crypto code): the day's signing key is derived once and cached, the request
 * time is formatted once a second, and a request costs one SHA-256 of its canonical request and two HMACs. Signs
 * the same headers as the AWS SDK v2 signer (all but a few hop-by-hop or tracing ones), and a header given twice in
 * different spellings is one header with both values, as there, so the two produce identical signatures.
 * Thread-safe.
 */
public final class SigV4Signer {

    /** The payload hash of a request whose body is not hashed. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    /** Headers the AWS SDK leaves out of the signature: proxies may change or drop them. */
    private static final Set<String> UNSIGNED_HEADERS = Set.of("connection", "x-amzn-trace-id", "user-agent",
            "expect", "transfer-encoding", "x-forwarded-for");

    /** The SigV4 headers of one signed request, to add to it as they are. */
    public record Signed(String amzDate, String payloadHash, String authorization) {
    }

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;
    private final Clock clock;
    /** The verifier's key cache, small: with one secret, region and service only the date changes. */
    private final SigningKeyCache keys = new SigningKeyCache(4);
    private final PerSecond<RequestTime> times = new PerSecond<>(RequestTime::ofEpochSecond);

    public SigV4Signer(String accessKey, String secretKey, String region, String service, Clock clock) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs a request now.
     *
     * @param method        the HTTP method
     * @param canonicalPath the path exactly as sent, already in canonical (percent-encoded) form
     * @param query         the query string exactly as sent, already canonical (see {@link #canonicalQuery(Map)})
     * @param headers       the request's headers, host included (names in any case); the SigV4 ones are added
     * @param payloadHash   the hex SHA-256 of the body or {@link #UNSIGNED_PAYLOAD}
     */
    public Signed sign(String method, String canonicalPath, String query, Map<String, String> headers,
                       String payloadHash) {
        RequestTime now = times.at(clock.instant().getEpochSecond());
        String date = now.date();
        SortedMap<String, List<String>> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!UNSIGNED_HEADERS.contains(lower)) {
                signed.merge(lower, List.of(value), SigV4Signer::concat);
            }
        });
        signed.put("x-amz-date", List.of(now.amzDate()));
        signed.put("x-amz-content-sha256", List.of(payloadHash));
        String signedNames = String.join(";", signed.keySet());
        String scope = date + '/' + region + '/' + service + '/' + SigV4Crypto.TERMINATOR;
        String canonical = CanonicalRequest.build(method, canonicalPath.isEmpty() ? "/" : canonicalPath, query,
                CanonicalRequest.canonicalHeaders(signed), signedNames, payloadHash);
        byte[] key = keys.signingKey(secretKey, date, region, service);
        String signature = SigV4Crypto.signatureHex(key,
                CanonicalRequest.stringToSign(now.amzDate(), scope, canonical));
        return new Signed(now.amzDate(), payloadHash, SigV4Crypto.ALGORITHM + " Credential=" + accessKey + '/'
                + scope + ", SignedHeaders=" + signedNames + ", Signature=" + signature);
    }

    /**
     * The canonical query string of raw (unencoded) parameters: names and values percent-encoded, sorted by name
     * then value; empty for none. Sent as it is, it is also the wire query.
     */
    public static String canonicalQuery(Map<String, String> rawParams) {
        if (rawParams.isEmpty()) {
            return "";
        }
        List<CanonicalRequest.QueryParam> params = new ArrayList<>(rawParams.size());
        rawParams.forEach((name, value) -> params.add(
                new CanonicalRequest.QueryParam(CanonicalRequest.encode(name), CanonicalRequest.encode(value))));
        return CanonicalRequest.canonicalQuery(params, null);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a.size() + b.size());
        both.addAll(a);
        both.addAll(b);
        return both;
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + accessKey + "/" + region + "/" + service + "]";
    }
}
