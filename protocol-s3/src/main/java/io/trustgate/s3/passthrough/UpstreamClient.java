package io.trustgate.s3.passthrough;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the upstream S3 client: the SDK's async client on its Netty HTTP client, with its own small event-loop
 * group (one thread per core). The gateway's loops cannot be shared: SDK 2.57's Netty client recognises only the
 * classic {@code NioEventLoopGroup}/{@code EpollEventLoopGroup}, not Netty 4.2's
 * {@code MultiThreadIoEventLoopGroup}. The client retries once what failed before the upstream took any body byte
 * (a pooled connection the upstream had closed; a streamed body cannot be replayed after that, and the client in
 * front retries then), does not add or validate checksums of its own (the server in front already verified the client's, and the client
 * validates what it downloads), and signs every request with the backend's credentials. An {@code https://}
 * endpoint trusts the backend's certificates when it has some, the JVM's default trust otherwise; the SDK's client
 * verifies the host name.
 */
final class UpstreamClient {

    private UpstreamClient() {
    }

    /** @param trust the backend's TLS trust ({@link UpstreamTrust#of}), or null for the JVM's default trust */
    static S3AsyncClient build(S3PassthroughSettings s, TrustManagerFactory trust) {
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .maxConcurrency(s.maxConnections())
                .maxPendingConnectionAcquires(10_000)
                .connectionTimeout(s.connectTimeout())
                .connectionAcquisitionTimeout(s.requestTimeout())
                .readTimeout(s.requestTimeout())
                .writeTimeout(s.requestTimeout())
                .tcpKeepAlive(true);
        if (trust != null) {
            http.tlsTrustManagersProvider(trust::getTrustManagers);
        }
        http.eventLoopGroupBuilder(SdkEventLoopGroup.builder()
                .numberOfThreads(Math.max(1, Runtime.getRuntime().availableProcessors())));
        return S3AsyncClient.builder()
                .endpointOverride(s.endpoint())
                .region(Region.of(s.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s.accessKey(), s.secretKey())))
                .forcePathStyle(s.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(2).build()))
                .build();
    }
}
