package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SigV2StringToSignTest {

    private static String resource(String hostBucket, String rawPath, String rawQuery) {
        return SigV2StringToSign.canonicalResource(hostBucket, rawPath, SigV2StringToSign.parseQuery(rawQuery));
    }

    @Test
    void virtualHostedResourceStartsWithTheBucket() {
        assertThat(resource("photos", "/puppy%20x.jpg", "")).isEqualTo("/photos/puppy%20x.jpg");
        assertThat(resource("photos", "/", "prefix=a")).isEqualTo("/photos/");
        assertThat(resource(null, "/photos/puppy.jpg", "")).isEqualTo("/photos/puppy.jpg");
    }

    @Test
    void keepsOnlySubResourcesSortedWithDecodedValues() {
        assertThat(resource(null, "/b/k", "uploadId=a%2Bb+c&partNumber=3&x-id=UploadPart&prefix=z"))
                .isEqualTo("/b/k?partNumber=3&uploadId=a+b+c");
        assertThat(resource(null, "/b", "versions&prefix=a&acl")).isEqualTo("/b?acl&versions");
        assertThat(resource(null, "/b/k", "response-content-disposition=attachment%3B%20a%3D%22x%22"))
                .isEqualTo("/b/k?response-content-disposition=attachment; a=\"x\"");
        assertThat(resource(null, "/b", "delete=")).isEqualTo("/b?delete=");
    }

    @Test
    void amzHeadersAreLowerCaseSortedJoinedAndTrimmed() {
        Map<String, List<String>> amz = new LinkedHashMap<>();
        amz.put("x-amz-meta-reviewedby", List.of("joe@example.net", " jane@example.net "));
        amz.put("x-amz-acl", List.of("public-read"));
        amz.put("x-amz-meta-folded", List.of("a\r\n  b"));
        assertThat(SigV2StringToSign.build("PUT", "4gJE4saaMU4BqNR0kLY+lw==", "application/x-download",
                "Tue, 27 Mar 2007 21:06:08 +0000", amz, "/static/db.gz")).isEqualTo("PUT\n"
                + "4gJE4saaMU4BqNR0kLY+lw==\napplication/x-download\nTue, 27 Mar 2007 21:06:08 +0000\n"
                + "x-amz-acl:public-read\nx-amz-meta-folded:a b\nx-amz-meta-reviewedby:joe@example.net,jane@example.net\n"
                + "/static/db.gz");
    }
}
