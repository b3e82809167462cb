package io.trustgate.s3.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Requests signed with Signature Version 2 by botocore 1.29.27 (Debian's boto3; {@code HmacV1Auth} and
 * {@code HmacV1QueryAuth}), an independent signer, written once by src/test/scripts/botocore_sigv2_fixtures.py
 * into botocore-sigv2-signed.json: each verifies, and each fails once its path changes.
 */
class SigV2FixturesTest {

    @TestFactory
    Stream<DynamicTest> verifiesEveryBotocoreSigV2Request() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("botocore-sigv2-signed.json")) {
            root = new ObjectMapper().readTree(in);
        }
        String accessKey = root.get("accessKey").asText();
        String secretKey = root.get("secretKey").asText();
        SigV2Verifier verifier = new SigV2Verifier(
                id -> accessKey.equals(id) ? Optional.of(secretKey) : Optional.empty(),
                Clock.fixed(Instant.parse(root.get("signedAt").asText()).plusSeconds(30), ZoneOffset.UTC));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode node : root.get("requests")) {
            SignedRequest request = toRequest(node);
            String hostBucket = node.get("hostBucket").isNull() ? null : node.get("hostBucket").asText();
            boolean presigned = request.rawQuery().contains("AWSAccessKeyId=");
            tests.add(DynamicTest.dynamicTest(node.get("name").asText(), () -> {
                assertThat(SigV2Verifier.applies(request)).isTrue();
                Authentication auth = verifier.verify(request, hostBucket);
                assertThat(auth.accessKeyId()).isEqualTo(accessKey);
                assertThat(auth.presigned()).isEqualTo(presigned);
                assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED_PAYLOAD);
                SignedRequest moved = new SignedRequest(request.method(), request.rawPath() + "x",
                        request.rawQuery(), request.headers());
                assertThatThrownBy(() -> verifier.verify(moved, hostBucket))
                        .isInstanceOfSatisfying(S3AuthException.class,
                                e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(18);
        return tests.stream();
    }

    private static SignedRequest toRequest(JsonNode node) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.get("headers").fields().forEachRemaining(entry -> {
            List<String> values = new ArrayList<>();
            entry.getValue().forEach(value -> values.add(value.asText()));
            headers.put(entry.getKey(), values);
        });
        return new SignedRequest(node.get("method").asText(), node.get("rawPath").asText(),
                node.get("rawQuery").asText(), headers);
    }
}
