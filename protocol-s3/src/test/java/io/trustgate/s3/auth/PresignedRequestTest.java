package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.time.Duration;

import static io.trustgate.s3.auth.SdkSigning.ACCESS_KEY;
import static io.trustgate.s3.auth.SdkSigning.SIGNED_AT;
import static io.trustgate.s3.auth.SdkSigning.verifier;
import static io.trustgate.s3.auth.SigV4VerifierTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Presigned URLs from the AWS SDK v2 signer: verified, expired, capped at seven days, tampered with. */
class PresignedRequestTest {

    private static SignedRequest presign(SdkHttpMethod method, String uri, Duration expires) {
        SdkSigning.Options options = new SdkSigning.Options();
        options.presign = true;
        options.payloadSigning = false; // as the SDK's S3Presigner does: presigned URLs carry UNSIGNED-PAYLOAD
        options.expires = expires;
        SdkHttpRequest request = SdkSigning.request(method, uri).build();
        return SdkSigning.sign(request, null, options).request();
    }

    @Test
    void verifiesPresignedGet() throws Exception {
        SignedRequest request = presign(SdkHttpMethod.GET,
                "http://localhost:9000/bucket/a%20key?response-content-type=text%2Fplain", Duration.ofMinutes(10));

        Authentication auth = verifier().verify(request);

        assertThat(request.rawQuery()).contains("X-Amz-Signature=");
        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.presigned()).isTrue();
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED_PAYLOAD);
    }

    @Test
    void verifiesPresignedPutUntilItExpires() throws Exception {
        SignedRequest request = presign(SdkHttpMethod.PUT, "http://localhost:9000/bucket/upload.bin",
                Duration.ofSeconds(3600));

        assertThat(verifier(SIGNED_AT.plusSeconds(3600)).verify(request).presigned()).isTrue();
        assertCode(verifier(SIGNED_AT.plusSeconds(3601)), request, "AccessDenied", 403);
    }

    @Test
    void acceptsSevenDaysAndRejectsMore() throws Exception {
        SignedRequest week = presign(SdkHttpMethod.GET, "http://localhost:9000/bucket/k", Duration.ofDays(7));
        assertThat(verifier(SIGNED_AT.plus(Duration.ofDays(6))).verify(week).presigned()).isTrue();

        SignedRequest r = week;
        String longer = r.rawQuery().replace("X-Amz-Expires=604800", "X-Amz-Expires=604801");
        assertThat(longer).isNotEqualTo(r.rawQuery());
        assertCode(new SignedRequest(r.method(), r.rawPath(), longer, r.headers()),
                "AuthorizationQueryParametersError", 400);
    }

    @Test
    void rejectsUrlDatedInTheFuture() {
        SignedRequest request = presign(SdkHttpMethod.GET, "http://localhost:9000/bucket/k", Duration.ofHours(1));

        assertCode(verifier(SIGNED_AT.minus(Duration.ofMinutes(16))), request, "AccessDenied", 403);
    }

    @Test
    void rejectsTamperedPresignedParts() {
        SignedRequest r = presign(SdkHttpMethod.GET, "http://localhost:9000/bucket/k?versionId=null",
                Duration.ofHours(1));

        assertCode(new SignedRequest("DELETE", r.rawPath(), r.rawQuery(), r.headers()),
                "SignatureDoesNotMatch", 403);
        assertCode(new SignedRequest(r.method(), "/bucket/j", r.rawQuery(), r.headers()),
                "SignatureDoesNotMatch", 403);
        assertCode(new SignedRequest(r.method(), r.rawPath(), r.rawQuery().replace("versionId=null", "versionId=nulm"),
                r.headers()), "SignatureDoesNotMatch", 403);
        assertCode(new SignedRequest(r.method(), r.rawPath(), r.rawQuery().replace("X-Amz-Expires=3600",
                "X-Amz-Expires=3000"), r.headers()), "SignatureDoesNotMatch", 403);
        assertCode(new SignedRequest(r.method(), r.rawPath(), r.rawQuery() + "&x-id=GetObject", r.headers()),
                "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsIncompleteOrForeignQueryAuth() {
        SignedRequest r = presign(SdkHttpMethod.GET, "http://localhost:9000/bucket/k", Duration.ofHours(1));
        String withoutDate = r.rawQuery().replaceAll("X-Amz-Date=[^&]*&?", "");

        assertCode(new SignedRequest(r.method(), r.rawPath(), withoutDate, r.headers()),
                "AuthorizationQueryParametersError", 400);
        assertCode(new SignedRequest(r.method(), r.rawPath(),
                r.rawQuery().replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1"),
                r.headers()), "AuthorizationQueryParametersError", 400);
        assertCode(new SignedRequest(r.method(), r.rawPath(),
                r.rawQuery().replace("X-Amz-Algorithm=AWS4-HMAC-SHA256&", ""), r.headers()),
                "AuthorizationQueryParametersError", 400);
        assertCode(new SignedRequest(r.method(), r.rawPath(),
                r.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=-1"), r.headers()),
                "AuthorizationQueryParametersError", 400);
        assertCode(new SignedRequest(r.method(), r.rawPath(),
                r.rawQuery().replace(ACCESS_KEY, "AKIDUNKNOWN"), r.headers()), "InvalidAccessKeyId", 403);
    }

    @Test
    void refusesUnsignedAmzHeadersAddedToAPresignedUrl() throws Exception {
        SdkSigning.Options options = new SdkSigning.Options();
        options.presign = true;
        options.payloadSigning = false;
        SdkHttpRequest request = SdkSigning.request(SdkHttpMethod.PUT, "http://localhost:9000/bucket/k")
                .putHeader("x-amz-meta-owner", "alice").build();
        SdkSigning.Wire wire = SdkSigning.sign(request, null, options);

        assertThat(verifier().verify(wire.request()).presigned()).isTrue();
        assertCode(wire.withHeader("x-amz-acl", "public-read").request(), "AccessDenied", 403);
        assertCode(wire.withHeader("x-amz-meta-owner", "mallory").request(), "SignatureDoesNotMatch", 403);
    }

    @Test
    void acceptsAPresignedUrlSentWithAnUnsignedContentSha256() throws Exception {
        SignedRequest r = presign(SdkHttpMethod.PUT, "http://localhost:9000/bucket/k", Duration.ofHours(1));
        String hash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        SdkSigning.Wire wire = new SdkSigning.Wire(r, new byte[0]).withHeader("x-amz-content-sha256", hash);

        Authentication auth = verifier().verify(wire.request());

        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SHA256);
        assertThat(auth.payloadSha256Hex()).isEqualTo(hash);
    }
}
