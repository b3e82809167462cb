package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;

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

/**
 * The signer against the worked examples of the Amazon S3 SigV4 documentation (example keys, 2013-05-24,
 * us-east-1, examplebucket), and its requests against trustgate's own verifier.
 */
class SigV4SignerTest {

    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final Instant AT = Instant.parse("2013-05-24T00:00:00Z");
    private static final SigV4Signer SIGNER = new SigV4Signer(ACCESS_KEY, SECRET_KEY, "us-east-1", "s3",
            Clock.fixed(AT, ZoneOffset.UTC));
    private static final String HOST = "examplebucket.s3.amazonaws.com";

    private static String signature(SigV4Signer.Signed signed) {
        String auth = signed.authorization();
        return auth.substring(auth.indexOf("Signature=") + "Signature=".length());
    }

    @Test
    void getObjectWithRangeMatchesTheDocumentedSignature() {
        SigV4Signer.Signed signed = SIGNER.sign("GET", "/test.txt", "",
                Map.of("Host", HOST, "Range", "bytes=0-9"), EMPTY_SHA256);
        assertThat(signed.amzDate()).isEqualTo("20130524T000000Z");
        assertThat(signed.authorization()).isEqualTo("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY
                + "/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectMatchesTheDocumentedSignature() {
        SigV4Signer.Signed signed = SIGNER.sign("PUT", "/test%24file.text", "", Map.of("Host", HOST,
                        "Date", "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class", "REDUCED_REDUNDANCY"),
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(signature(signed)).isEqualTo("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void listObjectsQueryIsSortedAndMatchesTheDocumentedSignature() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("prefix", "J");
        params.put("max-keys", "2");
        String query = SigV4Signer.canonicalQuery(params);
        assertThat(query).isEqualTo("max-keys=2&prefix=J");
        SigV4Signer.Signed signed = SIGNER.sign("GET", "/", query, Map.of("Host", HOST), EMPTY_SHA256);
        assertThat(signature(signed)).isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void queryValuesAreEncodedAsTheyAreWithoutDecodingPercentSigns() {
        assertThat(SigV4Signer.canonicalQuery(Map.of("uploadId", "a b/%41+~", "partNumber", "3")))
                .isEqualTo("partNumber=3&uploadId=a%20b%2F%2541%2B~");
    }

    @Test
    void signedRequestsVerifyAndHopByHopHeadersAreLeftOut() throws Exception {
        Instant now = Instant.parse("2026-11-29T16:00:00Z");
        SigV4Signer signer = new SigV4Signer("AKID", "secret", "eu-west-1", "s3", Clock.fixed(now, ZoneOffset.UTC));
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Host", "127.0.0.1:9000");
        sent.put("x-amz-meta-note", "  two   words ");
        sent.put("User-Agent", "anything");
        sent.put("Connection", "keep-alive");
        SigV4Signer.Signed signed = signer.sign("PUT", "/b/a%20key", "partNumber=1&uploadId=x", sent,
                SigV4Signer.UNSIGNED_PAYLOAD);
        assertThat(signed.authorization())
                .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-meta-note,");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        sent.forEach((k, v) -> headers.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(v));
        // Proxies may change unsigned headers: the signature still holds.
        headers.put("user-agent", List.of("changed"));
        headers.put("x-amz-date", List.of(signed.amzDate()));
        headers.put("x-amz-content-sha256", List.of(signed.payloadHash()));
        headers.put("authorization", List.of(signed.authorization()));
        SigV4Verifier verifier = new SigV4Verifier(id -> id.equals("AKID") ? Optional.of("secret") : Optional.empty(),
                Clock.fixed(now, ZoneOffset.UTC));
        Authentication auth = verifier.verify(new SignedRequest("PUT", "/b/a%20key", "uploadId=x&partNumber=1",
                headers));
        assertThat(auth.accessKeyId()).isEqualTo("AKID");
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED_PAYLOAD);
    }

    @Test
    void aHeaderGivenInTwoSpellingsIsSignedAsTheAwsSdkSignsItsValues() {
        // The SDK signs each value trimmed and folded, then joins them with ','; joining first and trimming the
        // whole would keep the blanks around the comma and sign something else.
        SdkSigning.Options unsigned = new SdkSigning.Options();
        unsigned.payloadSigning = false;
        SdkSigning.Wire sdk = SdkSigning.sign(SdkSigning.request(software.amazon.awssdk.http.SdkHttpMethod.GET,
                        "http://127.0.0.1:9100/b/k").appendHeader("x-amz-meta-a", " one  ")
                .appendHeader("X-Amz-Meta-A", "two   three ").build(), null, unsigned);
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Host", "127.0.0.1:9100");
        sent.put("x-amz-meta-a", " one  ");
        sent.put("X-Amz-Meta-A", "two   three ");
        SigV4Signer signer = new SigV4Signer(SdkSigning.ACCESS_KEY, SdkSigning.SECRET_KEY, SdkSigning.REGION, "s3",
                Clock.fixed(SdkSigning.SIGNED_AT, ZoneOffset.UTC));
        SigV4Signer.Signed ours = signer.sign("GET", "/b/k", "", sent, SigV4Signer.UNSIGNED_PAYLOAD);
        assertThat(sdk.header("x-amz-date")).isEqualTo(ours.amzDate());
        assertThat(ours.authorization()).isEqualTo(sdk.header("authorization"));
    }
}
