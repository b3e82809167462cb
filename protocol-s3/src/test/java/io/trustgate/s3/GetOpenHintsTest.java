package io.trustgate.s3;

import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.InMemoryBlobStore;
import io.trustgate.s3.spi.ReadHints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetObject and HeadObject open the object through {@link BlobStore#openObject(String, String, boolean, ReadHints)},
 * telling the store whether the body will be read and which range the client asked for (a backend such as Azure
 * then fetches the attributes and the first bytes in one request), over loopback with the real AWS SDK v2.
 */
class GetOpenHintsTest {

    private static final List<String> OPENS = new CopyOnWriteArrayList<>();
    private static S3TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        BlobStore memory = new InMemoryBlobStore(5);
        BlobStore recording = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                new Class<?>[] {BlobStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("openObject") && args.length == 4) {
                        ReadHints hints = (ReadHints) args[3];
                        OPENS.add(args[1] + " head=" + args[2] + " range=" + hints.range()
                                + (hints.partNumber() == 0 ? "" : " part=" + hints.partNumber()));
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        server = new S3TestServer(recording);
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(20)))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
        s3.createBucket(b -> b.bucket("tg-hints"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void getAndHeadTellTheStoreWhetherTheBodyIsReadAndTheRange() {
        s3.putObject(b -> b.bucket("tg-hints").key("k"), RequestBody.fromString("0123456789"));
        OPENS.clear();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-hints").key("k").range("bytes=2-4")).asUtf8String())
                .isEqualTo("234");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-hints").key("k")).asUtf8String()).isEqualTo("0123456789");
        assertThat(s3.headObject(b -> b.bucket("tg-hints").key("k")).contentLength()).isEqualTo(10);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-hints").key("k").partNumber(1)).asUtf8String())
                .isEqualTo("0123456789");
        assertThat(OPENS).containsExactly("k head=false range=bytes=2-4", "k head=false range=null",
                "k head=true range=null", "k head=false range=null part=1");
    }
}
