package io.trustgate.s3.passthrough;

import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.InMemoryBlobStore;
import io.trustgate.testsupport.RequiredBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PutObject and UploadPart sent with plain {@code Transfer-Encoding: chunked} and no {@code Content-Length} (what
 * {@code curl -T -} sends), signed with {@code UNSIGNED-PAYLOAD} or presigned, through a real S3 server in front of
 * a passthrough store: to the loopback S3Proxy of {@code scripts/s3proxy.sh}, and to a second in-process trustgate
 * (the compat lane {@code passthrough-tg}'s shape, here on the in-memory store). The body is spooled to a file in the
 * store's spool directory and goes upstream with its length; the object is stored byte for byte, a Content-MD5
 * mismatch stores nothing, and no spool file outlives its request.
 */
class ChunkedUploadIT {

    static final String BUCKET = "tg-chunked-" + Long.toHexString(System.nanoTime());
    static final int MIB = 1024 * 1024;

    static Path spool;
    static S3Client s3proxy;
    static InMemoryBlobStore memory;
    static S3TestServerAccess upstreamTg;
    static S3PassthroughStore toS3proxy;
    static S3PassthroughStore toTg;
    static S3TestServerAccess frontS3proxy;
    static S3TestServerAccess frontTg;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        if (!LoopObjectsIT.answers(LoopObjectsIT.HTTP_PORT)) {
            RequiredBackend.missing("S3Proxy does not answer on 127.0.0.1:" + LoopObjectsIT.HTTP_PORT
                    + " (scripts/s3proxy.sh)");
        }
        spool = Files.createTempDirectory("tg-chunked-spool");
        URI s3proxyUri = URI.create("http://127.0.0.1:" + LoopObjectsIT.HTTP_PORT);
        s3proxy = client(s3proxyUri, LoopObjectsIT.ACCESS, LoopObjectsIT.SECRET);
        s3proxy.createBucket(b -> b.bucket(BUCKET));
        toS3proxy = S3PassthroughStore.open(S3PassthroughSettings.of("to-s3proxy", s3proxyUri, LoopObjectsIT.ACCESS,
                LoopObjectsIT.SECRET), spool);
        memory = new InMemoryBlobStore(5 * MIB);
        memory.createBucket(BUCKET);
        upstreamTg = new S3TestServerAccess(memory, S3ListenerSettings.of("upstream", List.of(),
                Map.of("up", "up-secret"), List.of()));
        toTg = S3PassthroughStore.open(S3PassthroughSettings.of("to-tg",
                URI.create("http://127.0.0.1:" + upstreamTg.port()), "up", "up-secret"), spool);
        S3ListenerSettings front = S3ListenerSettings.of("front", List.of(), Map.of("ak", "sk"), List.of());
        frontS3proxy = new S3TestServerAccess(toS3proxy, front);
        frontTg = new S3TestServerAccess(toTg, front);
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[]{toS3proxy, toTg, frontS3proxy, frontTg, upstreamTg}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (s3proxy != null) {
            s3proxy.listObjectsV2(b -> b.bucket(BUCKET)).contents()
                    .forEach(o -> s3proxy.deleteObject(b -> b.bucket(BUCKET).key(o.key())));
            s3proxy.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().forEach(u -> s3proxy
                    .abortMultipartUpload(b -> b.bucket(BUCKET).key(u.key()).uploadId(u.uploadId())));
            s3proxy.deleteBucket(b -> b.bucket(BUCKET));
            s3proxy.close();
        }
        if (spool != null) {
            try (Stream<Path> files = Files.list(spool)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(spool);
        }
    }

    @AfterEach
    void noSpoolFileIsLeft() throws Exception {
        // A commit's spool file is deleted when the upstream answered, which the response to the client follows
        // closely; an abort deletes it at once. Bounded wait for the upstream answer's callback.
        for (int i = 0; i < 100 && spoolFiles() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(spoolFiles()).as("spool files left in " + spool).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3proxy", "trustgate"})
    void chunkedPutsAreStoredByteForByte(String upstream) throws Exception {
        S3TestServerAccess front = front(upstream);
        for (int size : new int[]{1000, 3 * MIB + 17}) {
            byte[] body = bytes(size, size);
            String key = "put-" + size;
            HttpResponse<String> put = chunkedPut(front, "/" + BUCKET + "/" + key, body,
                    Map.of("Content-MD5", md5(body), "Content-Type", "text/plain"));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.headers().firstValue("ETag")).hasValue("\"" + hex(body) + "\"");
            assertThat(read(upstream, key)).isEqualTo(body);
            assertThat(get(front, "/" + BUCKET + "/" + key)).isEqualTo(body);
            try (S3Client c = client(URI.create("http://127.0.0.1:" + front.port()), "ak", "sk")) {
                assertThat(c.headObject(b -> b.bucket(BUCKET).key(key)).contentType()).isEqualTo("text/plain");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3proxy", "trustgate"})
    void presignedChunkedPutIsStored(String upstream) throws Exception {
        S3TestServerAccess front = front(upstream);
        byte[] body = bytes(2 * MIB + 3, 11);
        try (S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + front.port()))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ak", "sk")))
                .build()) {
            URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }
        assertThat(read(upstream, "presigned")).isEqualTo(body);
        try (S3Client c = client(URI.create("http://127.0.0.1:" + front.port()), "ak", "sk")) {
            assertThat(c.headObject(b -> b.bucket(BUCKET).key("presigned")).contentType())
                    .as("S3's default type for an upload without one").isEqualTo("binary/octet-stream");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3proxy", "trustgate"})
    void chunkedPutWithWrongContentMd5IsBadDigestAndStoresNothing(String upstream) throws Exception {
        S3TestServerAccess front = front(upstream);
        byte[] body = bytes(MIB + 1, 5);
        HttpResponse<String> put = chunkedPut(front, "/" + BUCKET + "/bad-md5", body,
                Map.of("Content-MD5", md5(bytes(10, 6))));
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.body()).contains("<Code>BadDigest</Code>");
        if (upstream.equals("s3proxy")) {
            assertThatThrownBy(() -> s3proxy.headObject(b -> b.bucket(BUCKET).key("bad-md5")))
                    .isInstanceOf(NoSuchKeyException.class);
        } else {
            assertThatThrownBy(() -> memory.headObject(BUCKET, "bad-md5").toCompletableFuture().join())
                    .cause().isInstanceOfSatisfying(BlobStoreException.class,
                            e -> assertThat(e.code()).isEqualTo("NoSuchKey"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3proxy", "trustgate"})
    void chunkedUploadPartsMakeTheObject(String upstream) throws Exception {
        S3TestServerAccess front = front(upstream);
        byte[] first = bytes(5 * MIB, 21);
        byte[] second = bytes(1234, 22);
        try (S3Client c = client(URI.create("http://127.0.0.1:" + front.port()), "ak", "sk")) {
            String key = "mp-chunked";
            String id = c.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            String path = "/" + BUCKET + "/" + key + "?partNumber=%d&uploadId=" + id;
            HttpResponse<String> p1 = chunkedPut(front, String.format(path, 1), first, Map.of());
            HttpResponse<String> p2 = chunkedPut(front, String.format(path, 2), second,
                    Map.of("Content-MD5", md5(second)));
            assertThat(p1.statusCode()).as(p1.body()).isEqualTo(200);
            assertThat(p2.statusCode()).as(p2.body()).isEqualTo(200);
            assertThat(p1.headers().firstValue("ETag")).hasValue("\"" + hex(first) + "\"");
            c.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(
                    software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(1)
                            .eTag(p1.headers().firstValue("ETag").orElseThrow()).build(),
                    software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(2)
                            .eTag(p2.headers().firstValue("ETag").orElseThrow()).build())));
            byte[] whole = new byte[first.length + second.length];
            System.arraycopy(first, 0, whole, 0, first.length);
            System.arraycopy(second, 0, whole, first.length, second.length);
            assertThat(read(upstream, key)).isEqualTo(whole);
        }
    }

    // ---- helpers ----

    private static S3TestServerAccess front(String upstream) {
        return upstream.equals("s3proxy") ? frontS3proxy : frontTg;
    }

    /** The object's bytes as the upstream itself has them. */
    private static byte[] read(String upstream, String key) {
        if (upstream.equals("s3proxy")) {
            return s3proxy.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        }
        try (S3Client c = client(URI.create("http://127.0.0.1:" + upstreamTg.port()), "up", "up-secret")) {
            return c.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        }
    }

    /**
     * A PUT whose body goes {@code Transfer-Encoding: chunked} (an {@code InputStream} publisher has no length),
     * signed {@code UNSIGNED-PAYLOAD} in the header.
     */
    private static HttpResponse<String> chunkedPut(S3TestServerAccess front, String pathAndQuery, byte[] body,
                                                   Map<String, String> extra) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + front.port() + pathAndQuery);
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT).uri(uri)
                .putHeader("Host", "127.0.0.1:" + front.port())
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        extra.forEach(b::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("ak", "sk"))
                .request(b.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)).request();
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> req.header(name, v));
            }
        });
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] get(S3TestServerAccess front, String path) {
        try (S3Client c = client(URI.create("http://127.0.0.1:" + front.port()), "ak", "sk")) {
            return c.getObjectAsBytes(b -> b.bucket(BUCKET).key(path.substring(path.lastIndexOf('/') + 1)))
                    .asByteArray();
        }
    }

    static S3Client client(URI endpoint, String access, String secret) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret)))
                .build();
    }

    private static long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String md5(byte[] body) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    }

    private static String hex(byte[] body) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    }
}
