package io.trustgate.s3.passthrough;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.trustgate.s3.auth.Authentication;
import io.trustgate.s3.auth.PayloadMode;
import io.trustgate.s3.auth.S3AuthException;
import io.trustgate.s3.auth.SigV4Verifier;
import io.trustgate.s3.auth.SignedRequest;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upstream requests verify with trustgate's own SigV4 verifier, keyed by the backend's credentials. */
class UpstreamSignerTest {

    private static final S3PassthroughSettings SETTINGS = S3PassthroughSettings.of("up",
            URI.create("http://127.0.0.1:9100"), "backend-key", "backend-secret");

    private static Authentication verify(HttpRequest r, String secret) throws S3AuthException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(h.getValue()));
        return new SigV4Verifier(id -> id.equals("backend-key") ? Optional.of(secret) : Optional.empty(),
                Clock.systemUTC()).verify(new SignedRequest(r.method().name(), r.uri(), "", headers));
    }

    @Test
    void putIsSignedWithTheBackendKeysAndAnUnsignedPayload() throws Exception {
        HttpRequest r = new UpstreamSigner(SETTINGS).sign(HttpMethod.PUT, "photos", "a dir/ä+b.jpg",
                Map.of("Content-Type", "image/jpeg", "x-amz-meta-owner", "Ann", "If-None-Match", "*"), 1234);
        assertThat(r).isNotInstanceOf(FullHttpRequest.class);
        assertThat(r.uri()).isEqualTo("/photos/a%20dir/%C3%A4%2Bb.jpg");
        assertThat(r.headers().get("Host")).isEqualTo("127.0.0.1:9100");
        assertThat(r.headers().get("Content-Length")).isEqualTo("1234");
        assertThat(r.headers().get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        Authentication auth = verify(r, "backend-secret");
        assertThat(auth.accessKeyId()).isEqualTo("backend-key");
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED_PAYLOAD);
        // Every header that carries meaning is covered by the signature.
        assertThat(r.headers().get("Authorization")).contains("content-type").contains("x-amz-meta-owner")
                .contains("if-none-match").contains("host");
    }

    @Test
    void aWrongSecretDoesNotVerify() {
        HttpRequest r = new UpstreamSigner(SETTINGS).sign(HttpMethod.GET, "photos", "k", Map.of(), -1);
        assertThat(r).isInstanceOf(FullHttpRequest.class);
        assertThatThrownBy(() -> verify(r, "other-secret")).isInstanceOf(S3AuthException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void virtualHostedStyleNamesTheBucketInTheHost() throws Exception {
        S3PassthroughSettings vh = new S3PassthroughSettings("up", URI.create("http://s3.example:8080"), "us-west-2",
                "backend-key", "backend-secret", false, SETTINGS.connectTimeout(), SETTINGS.requestTimeout(), 8);
        HttpRequest r = new UpstreamSigner(vh).sign(HttpMethod.HEAD, "photos", "k", Map.of(), -1);
        assertThat(r.uri()).isEqualTo("/k");
        assertThat(r.headers().get("Host")).isEqualTo("photos.s3.example:8080");
        assertThat(r.headers().get("Authorization")).contains("/us-west-2/s3/aws4_request");
    }

    private static final Instant AT = Instant.parse("2026-11-29T16:45:07Z");

    /** The same request signed by the AWS SDK v2 signer, the way the passthrough signed before it had its own. */
    private static SdkHttpRequest sdkSigned(S3PassthroughSettings s, HttpMethod method, String bucket, String key,
                                            Map<String, String> query, Map<String, String> headers,
                                            long contentLength) {
        String path = (s.pathStyle() ? "/" + bucket + "/" : "/") + io.trustgate.s3.route.PercentCodec.encode(key);
        int port = s.endpoint().getPort();
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method.name()))
                .protocol("https").host(s.pathStyle() ? s.endpoint().getHost() : bucket + "." + s.endpoint().getHost())
                .port(port > 0 ? port : 443).encodedPath(path);
        query.forEach(b::putRawQueryParameter);
        headers.forEach(b::putHeader);
        if (contentLength >= 0) {
            b.putHeader("Content-Length", Long.toString(contentLength));
        }
        return AwsV4HttpSigner.create().sign(r -> r.request(b.build())
                .identity(AwsCredentialsIdentity.create(s.accessKey(), s.secretKey()))
                .putProperty(AwsV4HttpSigner.REGION_NAME, s.region())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(AT, ZoneOffset.UTC))).request();
    }

    private static void assertSameAsSdk(S3PassthroughSettings s, HttpMethod method, String bucket, String key,
                                        Map<String, String> query, Map<String, String> headers, long length) {
        HttpRequest ours = new UpstreamSigner(s, Clock.fixed(AT, ZoneOffset.UTC))
                .sign(method, bucket, key, query, headers, length);
        SdkHttpRequest sdk = sdkSigned(s, method, bucket, key, query, headers, length);
        for (String name : List.of("Authorization", "X-Amz-Date", "x-amz-content-sha256", "Host")) {
            assertThat(ours.headers().getAll(name)).as(name).isEqualTo(sdk.matchingHeaders(name));
        }
        // Same path and parameters; the order of parameters on the wire is not signed (ours are sorted).
        String sdkQuery = software.amazon.awssdk.utils.http.SdkHttpUtils
                .encodeAndFlattenQueryParameters(sdk.rawQueryParameters()).orElse("");
        String[] uri = ours.uri().split("\\?", 2);
        assertThat(uri[0]).isEqualTo(sdk.encodedPath());
        assertThat(uri.length > 1 ? List.of(uri[1].split("&")) : List.of())
                .containsExactlyInAnyOrderElementsOf(sdkQuery.isEmpty() ? List.of() : List.of(sdkQuery.split("&")));
    }

    @Test
    void signaturesAreTheSameAsTheAwsSdkSigners() {
        assertSameAsSdk(SETTINGS, HttpMethod.PUT, "photos", "a dir/ä+b*~%41.jpg", Map.of(),
                Map.of("Content-Type", "image/jpeg", "x-amz-meta-owner", "Ann   Lee", "If-None-Match", "*"), 1234);
        assertSameAsSdk(SETTINGS, HttpMethod.GET, "photos", "k", Map.of(),
                Map.of("x-amz-checksum-mode", "ENABLED", "Range", "bytes=0-9", "If-Match", "\"e1\""), -1);
        assertSameAsSdk(SETTINGS, HttpMethod.HEAD, "photos", "k", Map.of(), Map.of(), -1);
        assertSameAsSdk(SETTINGS, HttpMethod.PUT, "photos", "big", Map.of("uploadId", "u/p+l o%ad", "partNumber", "7"),
                Map.of("x-amz-checksum-crc32", "AAAAAA=="), 5 << 20);
        S3PassthroughSettings vh = new S3PassthroughSettings("up", URI.create("https://s3.example"), "us-west-2",
                "backend-key", "backend-secret", false, SETTINGS.connectTimeout(), SETTINGS.requestTimeout(), 8);
        assertSameAsSdk(vh, HttpMethod.GET, "photos", "x/y", Map.of(), Map.of(), -1);
        S3PassthroughSettings on443 = new S3PassthroughSettings("up", URI.create("https://s3.example:443"),
                "us-west-2", "backend-key", "backend-secret", true, SETTINGS.connectTimeout(),
                SETTINGS.requestTimeout(), 8);
        assertSameAsSdk(on443, HttpMethod.DELETE, "photos", "x", Map.of(), Map.of(), -1);
    }
}
