package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * AWS SDK for Java v2 clients for one lane, configured the way an application pointing at a non-AWS endpoint
 * would: endpoint override, path-style addressing, static credentials, and otherwise the SDK's defaults. Those
 * include {@code WHEN_SUPPORTED} request checksums (CRC32 in an aws-chunked trailer on every upload) and the
 * standard retry strategy, which retries I/O errors and 5xx but none of the 4xx errors the tests assert. Over
 * HTTPS the clients trust the lane's self-signed certificate and nothing else.
 */
final class SdkClients {

    private SdkClients() {
    }

    static S3Client sync(S3Endpoint endpoint, Scheme scheme) {
        return sync(endpoint, scheme, endpoint.secretKey());
    }

    /** A sync client signing with {@code secretKey} (a wrong one gives SignatureDoesNotMatch). */
    static S3Client sync(S3Endpoint endpoint, Scheme scheme, String secretKey, ExecutionInterceptor... interceptors) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(60));
        if (scheme == Scheme.HTTPS) {
            http.tlsTrustManagersProvider(endpoint::trustManagers);
        }
        return S3Client.builder()
                .endpointOverride(endpoint.uri(scheme))
                .forcePathStyle(true)
                .region(Region.of(S3Endpoint.REGION))
                .credentialsProvider(credentials(endpoint.accessKey(), secretKey))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(120))
                        .executionInterceptors(List.of(interceptors)))
                .httpClientBuilder(http)
                .build();
    }

    /** An async client on Netty; {@code multipart} turns on the SDK's automatic multipart upload and download. */
    static S3AsyncClient async(S3Endpoint endpoint, Scheme scheme, boolean multipart,
                               ExecutionInterceptor... interceptors) {
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .readTimeout(Duration.ofSeconds(60)).writeTimeout(Duration.ofSeconds(60));
        if (scheme == Scheme.HTTPS) {
            http.tlsTrustManagersProvider(endpoint::trustManagers);
        }
        return S3AsyncClient.builder()
                .endpointOverride(endpoint.uri(scheme))
                .forcePathStyle(true)
                .region(Region.of(S3Endpoint.REGION))
                .credentialsProvider(credentials(endpoint.accessKey(), endpoint.secretKey()))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(180))
                        .executionInterceptors(List.of(interceptors)))
                .multipartEnabled(multipart)
                .multipartConfiguration(m -> m.minimumPartSizeInBytes(5L << 20).thresholdInBytes(8L << 20))
                .httpClientBuilder(http)
                .build();
    }

    static S3Presigner presigner(S3Endpoint endpoint, Scheme scheme) {
        return S3Presigner.builder()
                .endpointOverride(endpoint.uri(scheme))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .region(Region.of(S3Endpoint.REGION))
                .credentialsProvider(credentials(endpoint.accessKey(), endpoint.secretKey()))
                .build();
    }

    private static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /** A fresh bucket name for one test: lower case, unique, and marked as the compat tests'. */
    static String bucketName(S3Target target, String what) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return ("tgc-" + target.id() + "-" + what + "-" + id).toLowerCase(Locale.ROOT);
    }

    /** Aborts the bucket's uploads, deletes its objects and then the bucket; a bucket already gone is fine. */
    static void deleteBucket(S3Client s3, String bucket) {
        try {
            ListMultipartUploadsResponse uploads = s3.listMultipartUploads(b -> b.bucket(bucket));
            uploads.uploads().forEach(u -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key())
                    .uploadId(u.uploadId())));
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket))) {
                List<ObjectIdentifier> ids = page.contents().stream().map(S3Object::key)
                        .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
                if (!ids.isEmpty()) {
                    s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
                }
            }
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            // already gone
        }
    }
}
