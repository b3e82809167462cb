package io.trustgate.s3.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Signs outgoing S3 requests with SigV4 (the client side of {@link SigV4Verifier}, sharing its canonical-request
 * and crypto code): the day's signing key is derived once and cached, the request time is formatted once a second,
 * and a request costs one SHA-256 of its canonical request and two HMACs. Signs the same headers as the AWS SDK v2
 * signer (all but a few hop-by-hop or tracing ones), so the two produce identical signatures. Thread-safe.
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

    private record Stamp(long second, String amzDate, String date) {
    }

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;
    private final Clock clock;
    private final SigningKeyCache keys = new SigningKeyCache(4);
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "", "");

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
        Stamp now = stamp();
        SortedMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!UNSIGNED_HEADERS.contains(lower)) {
                signed.merge(lower, value, (a, b) -> a + "," + b);
            }
        });
        signed.put("x-amz-date", now.amzDate());
        signed.put("x-amz-content-sha256", payloadHash);
        StringBuilder canonicalHeaders = new StringBuilder(256);
        StringBuilder signedNames = new StringBuilder(128);
        signed.forEach((name, value) -> {
            canonicalHeaders.append(name).append(':');
            CanonicalRequest.appendTrimmed(canonicalHeaders, value);
            canonicalHeaders.append('\n');
            if (signedNames.length() > 0) {
                signedNames.append(';');
            }
            signedNames.append(name);
        });
        String scope = now.date() + '/' + region + '/' + service + '/' + SigV4Crypto.TERMINATOR;
        String canonical = CanonicalRequest.build(method, canonicalPath.isEmpty() ? "/" : canonicalPath, query,
                canonicalHeaders.toString(), signedNames.toString(), payloadHash);
        byte[] key = keys.signingKey(secretKey, now.date(), region, service);
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
        TreeMap<String, String> sorted = new TreeMap<>();
        rawParams.forEach((name, value) -> sorted.put(CanonicalRequest.encode(name), CanonicalRequest.encode(value)));
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, value) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(name).append('=').append(value);
        });
        return out.toString();
    }

    private Stamp stamp() {
        Instant now = clock.instant();
        Stamp s = stamp;
        if (s.second() != now.getEpochSecond()) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(now.getEpochSecond(), 0, ZoneOffset.UTC);
            String amzDate = String.format("%04d%02d%02dT%02d%02d%02dZ", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
            s = new Stamp(now.getEpochSecond(), amzDate, amzDate.substring(0, 8));
            stamp = s;
        }
        return s;
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + accessKey + "/" + region + "/" + service + "]";
    }
}
