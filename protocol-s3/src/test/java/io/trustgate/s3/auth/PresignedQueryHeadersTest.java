package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresignedQueryHeadersTest {

    private static SignedRequest request(String query, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new SignedRequest("PUT", "/b/k", query, map);
    }

    @Test
    void signatureVersionTwoParametersActAsHeaders() throws S3AuthException {
        // As botocore's HmacV1QueryAuth writes a presigned PutObject with metadata and an ACL.
        Map<String, String> headers = PresignedQueryHeaders.of(request("AWSAccessKeyId=AKID&Signature=c2ln%3D"
                + "&x-amz-meta-who=query&X-Amz-Acl=private&Expires=1175139620"));
        assertThat(headers).containsExactly(Map.entry("x-amz-meta-who", "query"), Map.entry("x-amz-acl", "private"));
    }

    @Test
    void signatureVersionFourHoistedHeadersActButAuthenticationAndChecksumsDoNot() throws S3AuthException {
        // As @aws-sdk/s3-request-presigner 3.x writes a presigned PutObject with Metadata (its empty-body CRC32 too).
        Map<String, String> headers = PresignedQueryHeaders.of(request("X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=AKID%2F20261130%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20261130T030621Z&X-Amz-Expires=600&X-Amz-Signature=abcd&X-Amz-SignedHeaders=host"
                + "&x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-meta-who=caf%C3%A9%20%2B1&x-amz-sdk-checksum-algorithm=CRC32"
                + "&x-amz-storage-class=STANDARD&x-amz-security-token=t&x-amz-trailer=x-amz-checksum-crc32"
                + "&x-amz-decoded-content-length=5&x-id=PutObject"));
        // A value travels as a header carries it: its UTF-8 bytes, one char each.
        assertThat(headers).containsExactly(Map.entry("x-amz-meta-who", "caf\u00c3\u00a9 +1"),
                Map.entry("x-amz-storage-class", "STANDARD"));
    }

    @Test
    void aHeaderSentKeepsItsValueAndQueriesWithoutAmzParametersAddNothing() throws S3AuthException {
        assertThat(PresignedQueryHeaders.of(request("x-amz-meta-a=query&x-amz-meta-b=2", "x-amz-meta-a", "header")))
                .containsExactly(Map.entry("x-amz-meta-b", "2"));
        assertThat(PresignedQueryHeaders.of(request("AWSAccessKeyId=AKID&Signature=s&Expires=1&uploads"))).isEmpty();
        assertThat(PresignedQueryHeaders.of(request(""))).isEmpty();
    }

    @Test
    void aControlCharacterInAValueIsInvalidArgument() {
        assertThatThrownBy(() -> PresignedQueryHeaders.of(request("x-amz-meta-a=one%0D%0AX-Injected%3A%201")))
                .isInstanceOfSatisfying(S3AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidArgument");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
    }
}
