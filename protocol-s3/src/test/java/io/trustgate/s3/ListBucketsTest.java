package io.trustgate.s3;

import io.trustgate.s3.route.BucketRouter;
import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.InMemoryBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ListBuckets over two backends: the union while both answer, 503 naming the backend when one does not; its
 * prefix, bucket-region and max-buckets/continuation-token pages; and GetBucketLocation's document.
 */
class ListBucketsTest {

    private S3TestServer server;
    private S3Client s3;

    @AfterEach
    void stop() {
        s3.close();
        server.close();
    }

    private void start(BlobStore logs, BlobStore rest) throws Exception {
        server = new S3TestServer(List.of(new BucketRouter.Route("logs-*", "logs-*", "archive", logs),
                new BucketRouter.Route("default", "*", "main", rest)), S3ListenerSettings.of("lb", List.of(),
                java.util.Map.of(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY), List.of()));
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
    }

    @Test
    void listsTheBucketsEachBackendIsRoutedFor() throws Exception {
        InMemoryBlobStore logs = new InMemoryBlobStore(5);
        InMemoryBlobStore main = new InMemoryBlobStore(5);
        logs.createBucket("logs-2026");
        logs.createBucket("stray"); // not routed to this backend: not listed from it
        main.createBucket("photos");
        start(logs, main);
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("logs-2026", "photos");
    }

    @Test
    void aBackendThatDoesNotAnswerMakesTheWholeCallServiceUnavailableNamingIt() throws Exception {
        InMemoryBlobStore main = new InMemoryBlobStore(5);
        main.createBucket("photos");
        start(unreachable(), main);
        assertThatThrownBy(() -> s3.listBuckets()).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(e.awsErrorDetails().errorMessage()).contains("backend 'archive' (unreachable)")
                    .contains("connection refused");
        });
        assertThat(s3.headBucket(b -> b.bucket("photos")).sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void aPrefixListsOnlyTheBucketsItStartsAndIsEchoed() throws Exception {
        InMemoryBlobStore logs = new InMemoryBlobStore(5);
        InMemoryBlobStore main = new InMemoryBlobStore(5);
        logs.createBucket("logs-2026");
        main.createBucket("logbook");
        main.createBucket("photos");
        start(logs, main);
        ListBucketsResponse r = s3.listBuckets(b -> b.prefix("log"));
        assertThat(r.buckets()).extracting(Bucket::name).containsExactly("logbook", "logs-2026");
        assertThat(r.prefix()).isEqualTo("log");
        assertThat(r.continuationToken()).isNull();
        assertThat(s3.listBuckets(b -> b.prefix("nothing-starts-so")).buckets()).isEmpty();
    }

    @Test
    void maxBucketsPagesWithAContinuationTokenTheSdkPaginatorFollows() throws Exception {
        InMemoryBlobStore logs = new InMemoryBlobStore(5);
        InMemoryBlobStore main = new InMemoryBlobStore(5);
        logs.createBucket("logs-2026");
        for (String name : List.of("alpha", "bravo", "charlie", "delta")) {
            main.createBucket(name);
        }
        start(logs, main);
        ListBucketsResponse first = s3.listBuckets(b -> b.maxBuckets(2));
        assertThat(first.buckets()).extracting(Bucket::name).containsExactly("alpha", "bravo");
        assertThat(first.continuationToken()).isNotEmpty();
        ListBucketsResponse second = s3.listBuckets(b -> b.maxBuckets(2)
                .continuationToken(first.continuationToken()));
        assertThat(second.buckets()).extracting(Bucket::name).containsExactly("charlie", "delta");
        assertThat(second.continuationToken()).isNotEmpty();
        ListBucketsResponse last = s3.listBuckets(b -> b.maxBuckets(2).continuationToken(second.continuationToken()));
        assertThat(last.buckets()).extracting(Bucket::name).containsExactly("logs-2026");
        assertThat(last.continuationToken()).isNull();

        assertThat(s3.listBucketsPaginator(b -> b.maxBuckets(1).prefix("b").build()).buckets())
                .extracting(Bucket::name).containsExactly("bravo");
        assertThat(s3.listBucketsPaginator(b -> b.maxBuckets(3).build()).buckets()).extracting(Bucket::name)
                .containsExactly("alpha", "bravo", "charlie", "delta", "logs-2026");
        assertThat(s3.listBuckets(b -> b.bucketRegion("us-east-1")).buckets()).hasSize(5);
        assertThat(s3.listBuckets(b -> b.bucketRegion("eu-west-1")).buckets()).isEmpty();
        assertThatThrownBy(() -> s3.listBuckets(b -> b.maxBuckets(10_001)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
    }

    @Test
    void getBucketLocationAnswersABackendsRegionAsTheRootsText() throws Exception {
        InMemoryBlobStore main = new InMemoryBlobStore(5);
        main.createBucket("photos");
        main.createBucket("logs-eu");
        start(inRegion(main, "eu-west-1"), main);
        assertThat(s3.getBucketLocation(b -> b.bucket("logs-eu")).locationConstraintAsString())
                .isEqualTo("eu-west-1");
        assertThat(s3.getBucketLocation(b -> b.bucket("photos")).locationConstraintAsString()).isNullOrEmpty();
    }

    /** {@code store}, but every bucket's GetBucketLocation names {@code region}. */
    private static BlobStore inRegion(BlobStore store, String region) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[]{BlobStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("bucketLocation")) {
                        return CompletableFuture.completedFuture(region);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A store whose every call fails as an unreachable backend's would. */
    private static BlobStore unreachable() {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[]{BlobStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "kind" -> "unreachable";
                    case "capabilities" -> BlobCapabilities.builder().build();
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "unreachable";
                    default -> CompletableFuture.failedFuture(new BlobStoreException("ServiceUnavailable", 503,
                            "connection refused"));
                });
    }
}
