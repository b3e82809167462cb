package io.trustgate.s3.http;

import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import io.trustgate.s3.passthrough.S3PassthroughSettings;
import io.trustgate.s3.passthrough.S3PassthroughStore;
import io.trustgate.testsupport.RequiredBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Expect: 100-continue} through an S3 passthrough to the loopback S3Proxy of {@code scripts/s3proxy.sh}
 * (HTTP 9100), on NIO and epoll: an upload to a missing bucket gets {@code 404 NoSuchBucket} as its first answer,
 * with no {@code 100 Continue} before it, so the client never sends its body, as on the filesystem and Azure
 * backends (S3Proxy itself says 100 before it looks at the bucket); an upload to a bucket that exists gets 100,
 * then 200, and is stored; a bucket deleted through the gateway is checked again.
 */
class PassthroughExpectContinueIT {

    static final String ACCESS = env("S3PROXY_ACCESS_KEY", "trustgate-s3proxy");
    static final String SECRET = env("S3PROXY_SECRET_KEY", "trustgate-s3proxy-secret");
    static final int PORT = Integer.parseInt(env("S3PROXY_PORT", "9100"));
    static final String BUCKET = "tg-expect-" + Long.toHexString(System.nanoTime());
    static final String MISSING = "tg-expect-missing-" + Long.toHexString(System.nanoTime());

    static S3Client direct;
    static S3PassthroughStore store;
    static S3TestServerAccess nio;
    static S3TestServerAccess epoll;

    @BeforeAll
    static void start() throws Exception {
        if (!answers(PORT)) {
            RequiredBackend.missing("S3Proxy does not answer on 127.0.0.1:" + PORT + " (scripts/s3proxy.sh)");
        }
        URI uri = URI.create("http://127.0.0.1:" + PORT);
        direct = S3Client.builder().endpointOverride(uri).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
        direct.createBucket(b -> b.bucket(BUCKET));
        store = S3PassthroughStore.open(S3PassthroughSettings.of("expect", uri, ACCESS, SECRET));
        S3ListenerSettings settings = S3ListenerSettings.of("expect", List.of(), Map.of("ak", "sk"), List.of());
        nio = new S3TestServerAccess(store, settings, false);
        epoll = new S3TestServerAccess(store, settings, true);
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close(); // before the listeners: its upstream pools live on their event loops
        }
        if (nio != null) {
            nio.close();
            epoll.close();
        }
        if (direct != null) {
            direct.listObjectsV2(b -> b.bucket(BUCKET)).contents()
                    .forEach(o -> direct.deleteObject(b -> b.bucket(BUCKET).key(o.key())));
            direct.deleteBucket(b -> b.bucket(BUCKET));
            direct.close();
        }
    }

    private static RawS3Client client(boolean onEpoll) throws Exception {
        return new RawS3Client((onEpoll ? epoll : nio).port(), "ak", "sk");
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void aPutToAMissingBucketIsRefusedBeforeTheBody(boolean onEpoll) throws Exception {
        for (int i = 0; i < 2; i++) {
            try (RawS3Client c = client(onEpoll)) {
                c.send(c.head("PUT", "/" + MISSING + "/k", Map.of("Expect", "100-continue",
                        "Content-Length", "65536")));
                assertThat(c.response()).as("the first answer, round " + i).startsWith("HTTP/1.1 404")
                        .contains("<Code>NoSuchBucket</Code>").containsIgnoringCase("connection: close");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void anUploadPartToAMissingBucketIsRefusedBeforeTheBody(boolean onEpoll) throws Exception {
        try (RawS3Client c = client(onEpoll)) {
            c.send(c.head("PUT", "/" + MISSING + "/k?partNumber=1&uploadId=nope", Map.of("Expect", "100-continue",
                    "Content-Length", "65536")));
            assertThat(c.response()).startsWith("HTTP/1.1 404").contains("<Code>NoSuchBucket</Code>");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void aPutToABucketThatExistsGetsContinueThenIsStored(boolean onEpoll) throws Exception {
        byte[] body = new byte[65536];
        new Random(onEpoll ? 1 : 2).nextBytes(body);
        for (int i = 0; i < 2; i++) { // the second upload finds the bucket remembered
            String key = "k-" + onEpoll + "-" + i;
            try (RawS3Client c = client(onEpoll)) {
                c.send(c.head("PUT", "/" + BUCKET + "/" + key, Map.of("Expect", "100-continue",
                        "Content-Length", Integer.toString(body.length))));
                assertThat(c.response()).startsWith("HTTP/1.1 100 Continue");
                c.send(body);
                assertThat(c.response()).startsWith("HTTP/1.1 200");
            }
            assertThat(direct.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(body);
        }
    }

    @ParameterizedTest(name = "epoll {0}")
    @ValueSource(booleans = {false, true})
    void aBucketDeletedThroughTheGatewayIsCheckedAgain(boolean onEpoll) throws Exception {
        String bucket = "tg-expect-gone-" + onEpoll + "-" + Long.toHexString(System.nanoTime());
        try (RawS3Client c = client(onEpoll)) {
            c.send(c.head("PUT", "/" + bucket, Map.of()));
            assertThat(c.response()).startsWith("HTTP/1.1 200");
            c.send(c.head("PUT", "/" + bucket + "/k", Map.of("Expect", "100-continue", "Content-Length", "5")));
            assertThat(c.response()).startsWith("HTTP/1.1 100 Continue");
            c.send("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.response()).startsWith("HTTP/1.1 200");
            c.send(c.head("DELETE", "/" + bucket + "/k", Map.of()));
            assertThat(c.response()).startsWith("HTTP/1.1 204");
            c.send(c.head("DELETE", "/" + bucket, Map.of()));
            assertThat(c.response()).startsWith("HTTP/1.1 204");
            c.send(c.head("PUT", "/" + bucket + "/k", Map.of("Expect", "100-continue", "Content-Length", "5")));
            assertThat(c.response()).startsWith("HTTP/1.1 404").contains("<Code>NoSuchBucket</Code>");
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
