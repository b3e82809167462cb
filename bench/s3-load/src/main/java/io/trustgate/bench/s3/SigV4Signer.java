package io.trustgate.bench.s3;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * SigV4 header authentication as an S3 client does it, written from the AWS specification independently of the
 * server's verifier: per request a canonical request over {@code host}, {@code x-amz-content-sha256} and
 * {@code x-amz-date}, its SHA-256, the string to sign and its HMAC under the signing key, which is derived once per
 * UTC day and cached. The payload hash is the caller's (the real SHA-256 of the body it sends).
 *
 * <p>Not thread-safe (it keeps its digest and MAC): one per event-loop thread.
 */
final class SigV4Signer {

    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SIGNED_HEADERS = "host;x-amz-content-sha256;x-amz-date";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String host;
    private final MessageDigest sha256;
    private final Mac mac;
    private long second = Long.MIN_VALUE;
    private String amzDate;
    private String day = "";
    private String scope;
    private SecretKeySpec signingKey;

    /** {@code host}: the Host header value the request goes out with ({@code 127.0.0.1:9010}). */
    SigV4Signer(String accessKey, String secretKey, String region, String host) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.host = host;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.mac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and HmacSHA256 are required of every Java platform", e);
        }
    }

    /** The headers one signed request carries besides Host and Content-Length. */
    record Signed(String amzDate, String payloadSha256, String authorization) {
    }

    /**
     * Signs {@code method} on {@code encodedPath} (already URI-encoded, no query) with body hash
     * {@code payloadSha256}, at {@code now}.
     */
    Signed sign(String method, String encodedPath, String payloadSha256, Instant now) {
        refreshDate(now);
        String canonical = method + '\n' + encodedPath + "\n\n"
                + "host:" + host + '\n'
                + "x-amz-content-sha256:" + payloadSha256 + '\n'
                + "x-amz-date:" + amzDate + "\n\n"
                + SIGNED_HEADERS + '\n' + payloadSha256;
        String canonicalHash = HEX.formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + canonicalHash;
        String signature = HEX.formatHex(hmac(signingKey, stringToSign));
        return new Signed(amzDate, payloadSha256, ALGORITHM + " Credential=" + accessKey + '/' + scope
                + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + signature);
    }

    private void refreshDate(Instant now) {
        long s = now.getEpochSecond();
        if (s == second) {
            return;
        }
        second = s;
        amzDate = AMZ_DATE.format(now);
        String today = amzDate.substring(0, 8);
        if (!today.equals(day)) {
            day = today;
            scope = day + '/' + region + "/s3/aws4_request";
            byte[] k = hmac(new SecretKeySpec(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                    day);
            k = hmac(new SecretKeySpec(k, "HmacSHA256"), region);
            k = hmac(new SecretKeySpec(k, "HmacSHA256"), "s3");
            signingKey = new SecretKeySpec(hmac(new SecretKeySpec(k, "HmacSHA256"), "aws4_request"), "HmacSHA256");
        }
    }

    private byte[] hmac(SecretKeySpec key, String data) {
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 rejected a key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** URI-encodes an object key for the path: RFC 3986 unreserved characters and '/' stay, the rest is %XX. */
    static String encodeKey(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 8);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
