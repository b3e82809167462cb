package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code curl -T -} with {@code --aws-sigv4}: an upload read from a pipe, so curl sends it with
 * {@code Transfer-Encoding: chunked} and no length, signed {@code UNSIGNED-PAYLOAD}. Every trustgate lane stores it
 * byte for byte (the S3 passthroughs spool it and send it upstream with its length), and one whose
 * {@code Content-MD5} does not match is {@code 400 BadDigest} with nothing stored.
 */
@Timeout(180)
class CurlChunkedUploadIT {

    static final String CURL = "/usr/bin/curl";

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#gatewayTargets")
    void aPipedUploadIsStoredByteForByte(S3Target target) throws Exception {
        Tools.require(CURL, "apt-get install curl");
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "curl-chunked");
        Path dir = Files.createTempDirectory("curl-chunked");
        try (S3Client s3 = SdkClients.sync(endpoint, Scheme.HTTP)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                for (int size : new int[]{1000, 3 * 1024 * 1024 + 17}) {
                    byte[] data = Payloads.random(size, size);
                    Path file = dir.resolve("body-" + size);
                    Files.write(file, data);
                    Cli.Result put = curlPut(endpoint, bucket, "piped-" + size, file, md5(data));
                    assertThat(put.exitCode()).as(put.output()).isZero();
                    assertThat(put.stdout()).as(put.output()).startsWith("200");
                    assertThat(put.stderr()).as("curl sent it chunked").contains("Transfer-Encoding: chunked");
                    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("piped-" + size)).asByteArray())
                            .isEqualTo(data);
                    assertThat(s3.headObject(b -> b.bucket(bucket).key("piped-" + size)).eTag())
                            .isEqualTo("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                                    .digest(data)) + "\"");
                }

                byte[] data = Payloads.random(100_000, 3);
                Path file = dir.resolve("bad");
                Files.write(file, data);
                Cli.Result bad = curlPut(endpoint, bucket, "bad-md5", file, md5(new byte[]{1}));
                assertThat(bad.stdout()).as(bad.output()).startsWith("400").contains("<Code>BadDigest</Code>");
                assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("bad-md5")))
                        .isInstanceOf(NoSuchKeyException.class);
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.delete(dir);
        }
    }

    /** {@code curl -T - < file}: stdout is the status code, a newline and the response body; stderr the trace. */
    private static Cli.Result curlPut(S3Endpoint endpoint, String bucket, String key, Path file, String contentMd5)
            throws Exception {
        String url = endpoint.http() + "/" + bucket + "/" + key;
        String command = CURL + " -sS -v --aws-sigv4 aws:amz:us-east-1:s3 --user \"$AK:$SK\""
                + " -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' -H \"Content-MD5: $MD5\""
                + " -w '%{http_code}\\n' -o \"$OUT\" -T - \"$URL\" < \"$IN\" && cat \"$OUT\"";
        Path out = file.resolveSibling(file.getFileName() + ".out");
        Cli.Result r = Cli.run(List.of("/bin/sh", "-c", command), Map.of("AK", endpoint.accessKey(),
                "SK", endpoint.secretKey(), "MD5", contentMd5, "URL", url, "IN", file.toString(),
                "OUT", out.toString()), null, Duration.ofSeconds(120));
        Files.deleteIfExists(out);
        return r;
    }

    private static String md5(byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    }
}
