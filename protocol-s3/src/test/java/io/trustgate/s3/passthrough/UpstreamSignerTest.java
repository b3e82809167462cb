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

import java.net.URI;
import java.time.Clock;
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
}
