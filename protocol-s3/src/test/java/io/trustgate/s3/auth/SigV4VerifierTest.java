package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.trustgate.s3.auth.SdkSigning.ACCESS_KEY;
import static io.trustgate.s3.auth.SdkSigning.sign;
import static io.trustgate.s3.auth.SdkSigning.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Header-signed requests from the AWS SDK v2 signer, verified, then tampered with. */
class SigV4VerifierTest {

    private static final byte[] BODY = "Welcome to trustgate.".getBytes(StandardCharsets.UTF_8);

    private static SdkSigning.Wire signedPut(String uri) {
        SdkHttpRequest request = SdkSigning.request(SdkHttpMethod.PUT, uri)
                .putHeader("Content-Type", "text/plain")
                .putHeader("x-amz-meta-note", "  two   spaces  ")
                .putHeader("x-amz-meta-tabbed", "a\tb \t c")
                .putHeader("Content-Length", String.valueOf(BODY.length))
                .build();
        return sign(request, BODY, new SdkSigning.Options());
    }

    @Test
    void verifiesSignedPutWithPayloadHash() throws Exception {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key.txt");

        Authentication auth = verifier().verify(wire.request());

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SHA256);
        assertThat(auth.payloadSha256Hex()).isEqualTo(wire.header("x-amz-content-sha256"));
        assertThat(auth.presigned()).isFalse();
        assertThat(auth.region()).isEqualTo(SdkSigning.REGION);
        assertThat(auth.isAnonymous()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/bucket/plain",
            "/bucket/a%20key%20with%20spaces",
            "/bucket/dir/sub/file.bin",
            "/bucket/%E2%82%AC%20unicode%20%C3%A9",
            "/bucket/reserved%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40",
            "/bucket/tilde~dash-dot._under",
            "/bucket/trailing/slash/",
            "/bucket/dots/../and/./kept",
            "/bucket/double//slash",
            "/bucket/percent%25literal",
            "/bucket/encoded%2Fslash"})
    void verifiesPathsAsTheSdkEncodesThem(String path) throws Exception {
        SdkSigning.Wire wire = signedPut("http://localhost:9000" + path);

        assertThat(wire.request().rawPath()).isEqualTo(path);
        assertThat(verifier().verify(wire.request()).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void verifiesQueryParametersSortedAndEncoded() throws Exception {
        SdkHttpRequest request = SdkSigning.request(SdkHttpMethod.GET, "http://localhost:9000/bucket")
                .appendRawQueryParameter("prefix", "photos/2026 01/")
                .appendRawQueryParameter("list-type", "2")
                .appendRawQueryParameter("delimiter", "/")
                .appendRawQueryParameter("continuation-token", "a+b=c")
                .appendRawQueryParameter("encoding-type", "url")
                .appendRawQueryParameter("tagging", null)
                .build();
        SdkSigning.Wire wire = sign(request, null, new SdkSigning.Options());

        assertThat(verifier().verify(wire.request()).payloadMode()).isEqualTo(PayloadMode.SHA256);
    }

    @Test
    void verifiesRepeatedHeaderValuesJoinedWithCommas() throws Exception {
        SdkHttpRequest request = SdkSigning.request(SdkHttpMethod.GET, "http://localhost:9000/bucket/k")
                .appendHeader("x-amz-meta-multi", "one")
                .appendHeader("x-amz-meta-multi", " two  words ")
                .build();
        SdkSigning.Wire wire = sign(request, null, new SdkSigning.Options());

        assertThat(wire.request().headers().get("x-amz-meta-multi")).hasSize(2);
        assertThat(verifier().verify(wire.request()).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void verifiesUnsignedPayloadOverHttps() throws Exception {
        SdkSigning.Options options = new SdkSigning.Options();
        options.payloadSigning = false;
        SdkHttpRequest request = SdkSigning.request(SdkHttpMethod.PUT, "https://bucket.s3.localhost/key")
                .putHeader("Content-Length", String.valueOf(BODY.length)).build();
        SdkSigning.Wire wire = sign(request, BODY, options);

        Authentication auth = verifier().verify(wire.request());

        assertThat(wire.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED_PAYLOAD);
        assertThat(auth.payloadSha256Hex()).isNull();
    }

    @Test
    void rejectsTamperedMethod() {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");
        SignedRequest r = wire.request();

        assertCode(new SignedRequest("POST", r.rawPath(), r.rawQuery(), r.headers()), "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsTamperedPath() {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");
        SignedRequest r = wire.request();

        assertCode(new SignedRequest(r.method(), "/bucket/kez", r.rawQuery(), r.headers()),
                "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsTamperedQuery() {
        SdkHttpRequest request = SdkSigning.request(SdkHttpMethod.GET, "http://localhost:9000/bucket")
                .appendRawQueryParameter("max-keys", "10").build();
        SignedRequest r = sign(request, null, new SdkSigning.Options()).request();

        assertCode(new SignedRequest(r.method(), r.rawPath(), "max-keys=11", r.headers()),
                "SignatureDoesNotMatch", 403);
        assertCode(new SignedRequest(r.method(), r.rawPath(), "max-keys=10&extra=1", r.headers()),
                "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsTamperedSignedHeader() {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");

        assertCode(wire.withHeader("content-type", "text/plaio").request(), "SignatureDoesNotMatch", 403);
        assertCode(wire.withHeader("host", "localhost:9001").request(), "SignatureDoesNotMatch", 403);
    }

    @Test
    void ignoresUnsignedHeaders() throws Exception {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");

        assertThat(verifier().verify(wire.withHeader("user-agent", "anything").request()).accessKeyId())
                .isEqualTo(ACCESS_KEY);
    }

    @Test
    void rejectsTamperedSignature() {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");
        String authorization = wire.header("authorization");
        char last = authorization.charAt(authorization.length() - 1);
        String tampered = authorization.substring(0, authorization.length() - 1) + (last == '0' ? '1' : '0');

        assertCode(wire.withHeader("authorization", tampered).request(), "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsTamperedContentSha256() {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");

        assertCode(wire.withHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD").request(),
                "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsUnknownAccessKey() {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");
        String authorization = wire.header("authorization").replace(ACCESS_KEY, "AKIDUNKNOWN");

        assertCode(wire.withHeader("authorization", authorization).request(), "InvalidAccessKeyId", 403);
    }

    @Test
    void rejectsClockSkewBeyondFifteenMinutes() throws Exception {
        SignedRequest request = signedPut("http://localhost:9000/bucket/key").request();

        assertThat(verifier(SdkSigning.SIGNED_AT.plusSeconds(15 * 60)).verify(request).accessKeyId())
                .isEqualTo(ACCESS_KEY);
        assertThat(verifier(SdkSigning.SIGNED_AT.minusSeconds(15 * 60)).verify(request).accessKeyId())
                .isEqualTo(ACCESS_KEY);
        assertCode(verifier(SdkSigning.SIGNED_AT.plusSeconds(15 * 60 + 1)), request, "RequestTimeTooSkewed", 403);
        assertCode(verifier(SdkSigning.SIGNED_AT.minusSeconds(15 * 60 + 1)), request, "RequestTimeTooSkewed", 403);
    }

    @Test
    void requiresContentSha256OnHeaderAuth() {
        SignedRequest r = signedPut("http://localhost:9000/bucket/key").request();
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.remove("x-amz-content-sha256");

        assertCode(new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers), "InvalidRequest", 400);
    }

    @Test
    void rejectsUnknownContentSha256Value() {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");

        assertCode(wire.withHeader("x-amz-content-sha256", "not-a-hash").request(), "InvalidArgument", 400);
    }

    @Test
    void rejectsMalformedAuthorizationHeaders() {
        SdkSigning.Wire wire = signedPut("http://localhost:9000/bucket/key");
        String good = wire.header("authorization");

        assertCode(wire.withHeader("authorization", "AWS4-HMAC-SHA256 Credential=x").request(),
                "AuthorizationHeaderMalformed", 400);
        assertCode(wire.withHeader("authorization", good.replace("/s3/", "/ec2/")).request(),
                "AuthorizationHeaderMalformed", 400);
        assertCode(wire.withHeader("authorization", good.replace("aws4_request", "aws5_request")).request(),
                "AuthorizationHeaderMalformed", 400);
        assertCode(wire.withHeader("authorization", good.replace("/20261129/", "/20261128/")).request(),
                "AuthorizationHeaderMalformed", 400);
        assertCode(wire.withHeader("authorization", good.replace("host;", "")).request(),
                "AuthorizationHeaderMalformed", 400);
        assertCode(wire.withHeader("authorization", "Bearer abc").request(), "AuthorizationHeaderMalformed", 400);
        assertCode(wire.withHeader("authorization", "AWS " + ACCESS_KEY + ":c2lnbmF0dXJl").request(),
                "InvalidRequest", 400);
    }

    @Test
    void rejectsMissingDate() {
        SignedRequest r = signedPut("http://localhost:9000/bucket/key").request();
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.remove("x-amz-date");

        assertCode(new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers), "AccessDenied", 403);
    }

    @Test
    void rejectsHeaderAndQueryAuthTogether() {
        SignedRequest r = signedPut("http://localhost:9000/bucket/key").request();

        assertCode(new SignedRequest(r.method(), r.rawPath(), "X-Amz-Algorithm=AWS4-HMAC-SHA256", r.headers()),
                "InvalidArgument", 400);
    }

    @Test
    void treatsUnsignedRequestAsAnonymous() throws Exception {
        SignedRequest anonymous = new SignedRequest("GET", "/bucket/key", "",
                Map.of("host", List.of("localhost:9000")));

        assertThat(verifier().verify(anonymous)).isSameAs(Authentication.anonymous());
        assertThat(Authentication.anonymous().isAnonymous()).isTrue();
    }

    @Test
    void anonymousRequestKeepsItsDeclaredBodyHash() throws Exception {
        String hash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        SignedRequest put = new SignedRequest("PUT", "/bucket/key", "",
                Map.of("host", List.of("localhost"), "x-amz-content-sha256", List.of(hash.toUpperCase())));
        SignedRequest signedChunks = new SignedRequest("PUT", "/bucket/key", "",
                Map.of("host", List.of("localhost"),
                        "x-amz-content-sha256", List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")));

        Authentication auth = verifier().verify(put);

        assertThat(auth.isAnonymous()).isTrue();
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SHA256);
        assertThat(auth.payloadSha256Hex()).isEqualTo(hash);
        assertCode(signedChunks, "InvalidRequest", 400);
    }

    static void assertCode(SignedRequest request, String code, int status) {
        assertCode(verifier(), request, code, status);
    }

    static void assertCode(SigV4Verifier verifier, SignedRequest request, String code, int status) {
        assertThatThrownBy(() -> verifier.verify(request))
                .isInstanceOfSatisfying(S3AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.httpStatus()).isEqualTo(status);
                });
    }
}
