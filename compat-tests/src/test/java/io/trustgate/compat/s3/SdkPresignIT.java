package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presigned URLs made by the SDK's {@link S3Presigner} and used by a plain HTTP client (the JDK's), as a browser or
 * {@code curl} would: PUT then GET, a tampered URL, and an expired one.
 */
@Timeout(120)
class SdkPresignIT {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targetsAndSchemes")
    void presignedPutAndGetWorkWithoutAnSdk(S3Target target, Scheme scheme) throws Exception {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "presign");
        byte[] data = Payloads.random(100_000, 7);
        HttpClient http = httpClient(endpoint, scheme);
        try (S3Client s3 = SdkClients.sync(endpoint, scheme); S3Presigner presigner = SdkClients.presigner(endpoint,
                scheme)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                PresignedPutObjectRequest put = presigner.presignPutObject(r -> r.signatureDuration(Duration
                        .ofMinutes(10)).putObjectRequest(p -> p.bucket(bucket).key("up/loaded.bin")
                        .contentType("application/x-presigned")));
                assertThat(put.url().getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");
                HttpResponse<String> putResponse = http.send(HttpRequest.newBuilder(put.url().toURI())
                        .header("Content-Type", "application/x-presigned")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(putResponse.statusCode()).as(putResponse.body()).isEqualTo(200);
                HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("up/loaded.bin"));
                assertThat(head.contentLength()).isEqualTo(data.length);
                assertThat(head.contentType()).isEqualTo("application/x-presigned");

                PresignedGetObjectRequest get = presigner.presignGetObject(r -> r.signatureDuration(Duration
                        .ofMinutes(10)).getObjectRequest(g -> g.bucket(bucket).key("up/loaded.bin")));
                HttpResponse<byte[]> getResponse = http.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(getResponse.statusCode()).isEqualTo(200);
                assertThat(getResponse.body()).isEqualTo(data);

                HttpResponse<byte[]> ranged = http.send(HttpRequest.newBuilder(get.url().toURI())
                        .header("Range", "bytes=0-9").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(ranged.statusCode()).isEqualTo(206);
                assertThat(ranged.body()).isEqualTo(java.util.Arrays.copyOf(data, 10));

                String tampered = get.url().toString().replace("up/loaded.bin", "up/other.bin");
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(java.net.URI.create(tampered))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targetsAndSchemes")
    void refusesAnExpiredPresignedUrl(S3Target target, Scheme scheme) throws Exception {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "expired");
        HttpClient http = httpClient(endpoint, scheme);
        try (S3Client s3 = SdkClients.sync(endpoint, scheme); S3Presigner presigner = SdkClients.presigner(endpoint,
                scheme)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                s3.putObject(b -> b.bucket(bucket).key("k"), software.amazon.awssdk.core.sync.RequestBody
                        .fromString("v"));
                PresignedGetObjectRequest get = presigner.presignGetObject(r -> r.signatureDuration(Duration
                        .ofSeconds(1)).getObjectRequest(g -> g.bucket(bucket).key("k")));
                Thread.sleep(2_500);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(403);
                assertThat(response.body()).contains("<Code>AccessDenied</Code>");
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    static HttpClient httpClient(S3Endpoint endpoint, Scheme scheme) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1);
        if (scheme == Scheme.HTTPS) {
            builder.sslContext(endpoint.sslContext());
        }
        return builder.build();
    }
}
