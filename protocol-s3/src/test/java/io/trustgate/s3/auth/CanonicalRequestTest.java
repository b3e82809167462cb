package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalRequestTest {

    @Test
    void canonicalUriKeepsSlashesAndEncodesEverythingElseOnce() {
        assertThat(CanonicalRequest.canonicalUri("")).isEqualTo("/");
        assertThat(CanonicalRequest.canonicalUri("/b/a%20b")).isEqualTo("/b/a%20b");
        assertThat(CanonicalRequest.canonicalUri("/b/a%7eb%7E")).isEqualTo("/b/a~b~");
        assertThat(CanonicalRequest.canonicalUri("/b/x%2fy")).isEqualTo("/b/x%2Fy");
        assertThat(CanonicalRequest.canonicalUri("/b/$!'()*+,;=:@")).isEqualTo("/b/%24%21%27%28%29%2A%2B%2C%3B%3D%3A%40");
        assertThat(CanonicalRequest.canonicalUri("/b/%25")).isEqualTo("/b/%25");
        assertThat(CanonicalRequest.canonicalUri("/b/100%")).isEqualTo("/b/100%25");
        assertThat(CanonicalRequest.canonicalUri("/b/\u00e9")).isEqualTo("/b/%C3%A9");
        assertThat(CanonicalRequest.canonicalUri("/b/../c/./d//")).isEqualTo("/b/../c/./d//");
    }

    @Test
    void canonicalQuerySortsByNameThenValueAndEncodesSlashes() {
        List<CanonicalRequest.QueryParam> params =
                CanonicalRequest.parseQuery("prefix=a/b&acl&b=2&a=z&a=y&space=a%20b&plus=a+b&sig=x");

        assertThat(CanonicalRequest.canonicalQuery(params, "sig"))
                .isEqualTo("a=y&a=z&acl=&b=2&plus=a%2Bb&prefix=a%2Fb&space=a%20b");
        assertThat(CanonicalRequest.canonicalQuery(CanonicalRequest.parseQuery(""), null)).isEmpty();
        assertThat(CanonicalRequest.canonicalQuery(CanonicalRequest.parseQuery("&&a=1&"), null)).isEqualTo("a=1");
    }

    @Test
    void canonicalHeadersTrimFoldAndJoin() {
        Map<String, List<String>> headers = Map.of(
                "host", List.of("example.com"),
                "x-amz-meta-a", List.of("  one   two  ", "three"),
                "x-amz-meta-empty", List.of(""),
                "x-amz-meta-tab", List.of("\ta\t \tb\t"));

        assertThat(CanonicalRequest.canonicalHeaders(headers,
                List.of("host", "x-amz-meta-a", "x-amz-meta-empty", "x-amz-meta-tab")))
                .isEqualTo("host:example.com\nx-amz-meta-a:one two,three\nx-amz-meta-empty:\nx-amz-meta-tab:a b\n");
    }

    @Test
    void acceptsAWireEncodingThatDiffersFromTheSignedCanonicalForm() throws Exception {
        SdkHttpRequest request = SdkSigning.request(SdkHttpMethod.GET, "http://localhost:9000/bucket/a~b").build();
        SignedRequest r = SdkSigning.sign(request, null, new SdkSigning.Options()).request();

        SignedRequest reEncoded = new SignedRequest(r.method(), "/bucket/a%7eb", r.rawQuery(), r.headers());

        assertThat(SdkSigning.verifier().verify(reEncoded).accessKeyId()).isEqualTo(SdkSigning.ACCESS_KEY);
    }
}
