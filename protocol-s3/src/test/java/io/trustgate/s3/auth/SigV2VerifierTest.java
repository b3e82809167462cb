package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV2VerifierTest {

    /** The example credentials of the S3 SigV2 specification ("Signing and Authenticating REST Requests"). */
    private static final String DOC_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String DOC_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final CredentialStore STORE = id -> DOC_KEY.equals(id) ? Optional.of(DOC_SECRET) : Optional.empty();

    private static SigV2Verifier at(String instant) {
        return new SigV2Verifier(STORE, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static SignedRequest request(String method, String path, String query, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new SignedRequest(method, path, query, map);
    }

    private static String sign(String stringToSign) {
        return Base64.getEncoder().encodeToString(SigV2Verifier.hmacSha1(DOC_SECRET, stringToSign));
    }

    private static S3AuthException failure(SigV2Verifier verifier, SignedRequest request, String hostBucket) {
        try {
            verifier.verify(request, hostBucket);
        } catch (S3AuthException e) {
            return e;
        }
        throw new AssertionError("verified");
    }

    @Test
    void verifiesTheSpecificationsVirtualHostedGetExample() throws S3AuthException {
        // Signature as published in the specification's "Object GET" example.
        SignedRequest get = request("GET", "/photos/puppy.jpg", "",
                "host", "awsexamplebucket1.us-west-1.s3.amazonaws.com",
                "date", "Tue, 27 Mar 2007 19:36:42 +0000",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
        Authentication auth = at("2007-03-27T19:40:00Z").verify(get, "awsexamplebucket1");
        assertThat(auth.accessKeyId()).isEqualTo(DOC_KEY);
        assertThat(auth.presigned()).isFalse();
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED_PAYLOAD);
        assertThat(failure(at("2007-03-27T19:40:00Z"), get, null).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verifiesTheSpecificationsListBucketsExample() throws S3AuthException {
        SignedRequest list = request("GET", "/", "", "date", "Wed, 28 Mar 2007 01:29:59 +0000",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:qGdzdERIC03wnaRNKh6OqZehG9s=");
        assertThat(at("2007-03-28T01:30:00Z").verify(list, null).accessKeyId()).isEqualTo(DOC_KEY);
    }

    @Test
    void refusesARequestOutsideTheFifteenMinuteWindow() {
        SignedRequest list = request("GET", "/", "", "date", "Wed, 28 Mar 2007 01:29:59 +0000",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:qGdzdERIC03wnaRNKh6OqZehG9s=");
        S3AuthException e = failure(at("2007-03-28T01:46:00Z"), list, null);
        assertThat(e.code()).isEqualTo("RequestTimeTooSkewed");
        assertThat(e.httpStatus()).isEqualTo(403);
    }

    @Test
    void xAmzDateReplacesTheDateLine() throws S3AuthException {
        String amzDate = "Tue, 27 Mar 2007 21:20:26 +0000";
        String signature = sign("DELETE\n\n\n\nx-amz-date:" + amzDate + "\n/bucket/photos/puppy.jpg");
        SignedRequest delete = request("DELETE", "/bucket/photos/puppy.jpg", "",
                "date", "Tue, 27 Mar 2007 21:20:27 +0000", "x-amz-date", amzDate,
                "authorization", "AWS " + DOC_KEY + ":" + signature);
        assertThat(at("2007-03-27T21:21:00Z").verify(delete, null).accessKeyId()).isEqualTo(DOC_KEY);
    }

    @Test
    void verifiesThePresignedExampleUntilItExpires() throws S3AuthException {
        String signature = sign("GET\n\n\n1175139620\n/awsexamplebucket1/photos/puppy.jpg");
        SignedRequest get = request("GET", "/photos/puppy.jpg", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature="
                + signature.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D") + "&Expires=1175139620");
        Authentication auth = at("2007-03-29T03:40:00Z").verify(get, "awsexamplebucket1");
        assertThat(auth.presigned()).isTrue();
        S3AuthException expired = failure(at("2007-03-29T03:40:21Z"), get, "awsexamplebucket1");
        assertThat(expired.code()).isEqualTo("AccessDenied");
        assertThat(expired.getMessage()).isEqualTo("Request has expired");
        assertThat(expired.httpStatus()).isEqualTo(403);
    }

    @Test
    void verifiesAPresignedUrlWhoseAmzHeadersAreInTheQuery() throws S3AuthException {
        // botocore's HmacV1QueryAuth moves the call's x-amz-* headers into the URL; they are signed there.
        String signature = sign("PUT\n\n\n1175139620\nx-amz-acl:private\nx-amz-meta-who:query\n"
                + "/awsexamplebucket1/photos/puppy.jpg");
        SignedRequest put = request("PUT", "/photos/puppy.jpg", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
                + "&x-amz-meta-who=query&X-Amz-Acl=private&Signature="
                + signature.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D") + "&Expires=1175139620");
        assertThat(at("2007-03-29T03:40:00Z").verify(put, "awsexamplebucket1").presigned()).isTrue();
        SignedRequest changed = request("PUT", "/photos/puppy.jpg", put.rawQuery().replace("=query", "=other"));
        assertThat(failure(at("2007-03-29T03:40:00Z"), changed, "awsexamplebucket1").code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void unknownKeyIsInvalidAccessKeyId() {
        SignedRequest list = request("GET", "/", "", "date", "Wed, 28 Mar 2007 01:29:59 +0000",
                "authorization", "AWS AKIDUNKNOWN:qGdzdERIC03wnaRNKh6OqZehG9s=");
        S3AuthException e = failure(at("2007-03-28T01:30:00Z"), list, null);
        assertThat(e.code()).isEqualTo("InvalidAccessKeyId");
        assertThat(e.httpStatus()).isEqualTo(403);
    }

    @Test
    void tamperedOrUndecodableSignatureDoesNotMatch() {
        for (String signature : List.of("qGdzdERIC03wnaRNKh6OqZehG9t=", "not base64!", "qGdzdERI")) {
            SignedRequest list = request("GET", "/", "", "date", "Wed, 28 Mar 2007 01:29:59 +0000",
                    "authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + signature);
            assertThat(failure(at("2007-03-28T01:30:00Z"), list, null).code()).isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Test
    void anAddedAmzHeaderBreaksTheSignature() {
        SignedRequest list = request("GET", "/", "", "date", "Wed, 28 Mar 2007 01:29:59 +0000",
                "x-amz-acl", "public-read",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:qGdzdERIC03wnaRNKh6OqZehG9s=");
        assertThat(failure(at("2007-03-28T01:30:00Z"), list, null).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void malformedRequestsGetTheirOwnErrors() {
        SigV2Verifier verifier = at("2007-03-28T01:30:00Z");
        assertThat(failure(verifier, request("GET", "/", "", "date", "Wed, 28 Mar 2007 01:29:59 +0000",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE"), null).code()).isEqualTo("InvalidArgument");
        assertThat(failure(verifier, request("GET", "/", "",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:qGdzdERIC03wnaRNKh6OqZehG9s="), null).code())
                .isEqualTo("AccessDenied");
        S3AuthException missing = failure(verifier, request("GET", "/b/k", "AWSAccessKeyId=A&Expires=9"), null);
        assertThat(missing.code()).isEqualTo("AccessDenied");
        assertThat(missing.getMessage()).contains("requires the Signature, Expires and AWSAccessKeyId");
        assertThat(failure(verifier, request("GET", "/b/k", "AWSAccessKeyId=A&Signature=x&Expires=soon"), null)
                .getMessage()).startsWith("Invalid date (should be seconds since epoch)");
        assertThat(failure(verifier, request("GET", "/b/k", "AWSAccessKeyId=A&Signature=x&Expires=9999999999",
                "authorization", "AWS A:x"), null).code()).isEqualTo("InvalidArgument");
    }

    @Test
    void theBodyIsUnsignedUnlessADigestIsDeclaredAndChunkSignaturesAreRefused() throws S3AuthException {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String signature = sign("PUT\n\n\nWed, 28 Mar 2007 01:29:59 +0000\nx-amz-content-sha256:" + sha + "\n/b/k");
        SignedRequest put = request("PUT", "/b/k", "", "date", "Wed, 28 Mar 2007 01:29:59 +0000",
                "x-amz-content-sha256", sha, "authorization", "AWS " + DOC_KEY + ":" + signature);
        Authentication auth = at("2007-03-28T01:30:00Z").verify(put, null);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SHA256);
        assertThat(auth.payloadSha256Hex()).isEqualTo(sha);
        SignedRequest chunked = request("PUT", "/b/k", "", "date", "Wed, 28 Mar 2007 01:29:59 +0000",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "authorization", "AWS " + DOC_KEY + ":" + signature);
        assertThat(failure(at("2007-03-28T01:30:00Z"), chunked, null).code()).isEqualTo("InvalidRequest");
    }

    @Test
    void appliesOnlyToSignatureVersionTwo() {
        assertThat(SigV2Verifier.applies(request("GET", "/", "", "authorization", "AWS a:b"))).isTrue();
        assertThat(SigV2Verifier.applies(request("GET", "/", "AWSAccessKeyId=a&Signature=b&Expires=1"))).isTrue();
        assertThat(SigV2Verifier.applies(request("GET", "/", "",
                "authorization", "AWS4-HMAC-SHA256 Credential=a"))).isFalse();
        assertThat(SigV2Verifier.applies(request("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&Signature=b")))
                .isFalse();
        assertThat(SigV2Verifier.applies(request("GET", "/", "prefix=Signature"))).isFalse();
    }
}
