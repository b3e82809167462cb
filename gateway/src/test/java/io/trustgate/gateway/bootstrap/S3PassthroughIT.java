package io.trustgate.gateway.bootstrap;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.config.AdminConfig;
import io.trustgate.gateway.config.ListenerConfig;
import io.trustgate.gateway.config.Protocol;
import io.trustgate.gateway.config.RouteConfig;
import io.trustgate.gateway.config.RouteMatch;
import io.trustgate.gateway.config.RouteTarget;
import io.trustgate.gateway.config.S3BackendConfig;
import io.trustgate.gateway.config.S3ListenerOptions;
import io.trustgate.gateway.config.TrustgateConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK v2 through the gateway in passthrough mode: S3 listener on an ephemeral port, backend {@code type: s3}
 * pointing at a real S3Proxy on loopback (its own process, its own credentials, so every request is re-signed),
 * and a second backend pointing at a port where nothing listens.
 */
class S3PassthroughIT {

    static final String ACCESS = "tg-pt-access";
    static final String SECRET = "tg-pt-secret";
    static final String BUCKET = "tg-pt-main";
    static final String DOWN_BUCKET = "tg-pt-down-1";

    @TempDir
    static Path home;
    static S3ProxyProcess upstream;
    static TrustgateServer server;
    static S3Client gateway;
    static S3Client direct;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        upstream = S3ProxyProcess.start(home);
        URI upstreamUri = URI.create("http://127.0.0.1:" + upstream.port());
        S3ListenerOptions options = new S3ListenerOptions(List.of(), null, null, Map.of(ACCESS, SECRET),
                false, List.of(), S3ListenerOptions.DEFAULT_MAX_HEADER_SIZE);
        TrustgateConfig config = new TrustgateConfig(new AdminConfig("127.0.0.1", 0), Duration.ofSeconds(2),
                List.of(new ListenerConfig("s3", Protocol.S3, "127.0.0.1", 0, null, options)),
                List.of(new S3BackendConfig("upstream", upstreamUri, "us-east-1", S3ProxyProcess.ACCESS,
                                S3ProxyProcess.SECRET, true, Duration.ofSeconds(3), Duration.ofSeconds(30), 64),
                        new S3BackendConfig("nowhere", URI.create("http://127.0.0.1:" + S3ProxyProcess.freePort()),
                                "us-east-1", "k", "s", true, Duration.ofSeconds(2), Duration.ofSeconds(5), 4)),
                List.of(new RouteConfig("s3", new RouteMatch(null, null, "tg-pt-down-*"), new RouteTarget("nowhere")),
                        new RouteConfig("s3", RouteMatch.ANY, new RouteTarget("upstream"))), null);
        server = new TrustgateServer(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.start();
        port = server.port("s3");
        gateway = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(
                                software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(120)))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
        direct = S3Client.builder().endpointOverride(upstreamUri).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
                        .create(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                S3ProxyProcess.ACCESS, S3ProxyProcess.SECRET)))
                .build();
        gateway.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (direct != null) {
            direct.close();
        }
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void putGetRangeAndMetadataReachTheUpstream() {
        gateway.putObject(b -> b.bucket(BUCKET).key("docs/a.txt").contentType("text/plain")
                .cacheControl("max-age=60").contentDisposition("inline").metadata(Map.of("owner", "passthrough")),
                RequestBody.fromString("abcdefghij"));
        var got = gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("docs/a.txt"));
        assertThat(got.asUtf8String()).isEqualTo("abcdefghij");
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().cacheControl()).isEqualTo("max-age=60");
        assertThat(got.response().metadata()).containsEntry("owner", "passthrough");
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("docs/a.txt").range("bytes=3-5"))
                .asUtf8String()).isEqualTo("def");
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("docs/a.txt").range("bytes=-2"))
                .asUtf8String()).isEqualTo("ij");
        var upstreamHead = direct.headObject(b -> b.bucket(BUCKET).key("docs/a.txt"));
        assertThat(upstreamHead.metadata()).as("stored on the upstream, not in the gateway")
                .containsEntry("owner", "passthrough");
        assertThat(upstreamHead.contentDisposition()).isEqualTo("inline");
        var head = gateway.headObject(b -> b.bucket(BUCKET).key("docs/a.txt"));
        assertThat(head.contentLength()).isEqualTo(10);
        assertThat(head.eTag()).isEqualTo(upstreamHead.eTag());
    }

    @Test
    void rangesAndReadConditionsAnswerAsS3Does() {
        gateway.putObject(b -> b.bucket(BUCKET).key("r.txt"), RequestBody.fromString("0123456789"));
        String etag = gateway.headObject(b -> b.bucket(BUCKET).key("r.txt")).eTag();
        var first = gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("r.txt").range("bytes=0-3"));
        assertThat(first.asUtf8String()).isEqualTo("0123");
        assertThat(first.response().contentRange()).isEqualTo("bytes 0-3/10");
        assertThat(first.response().sdkHttpResponse().statusCode()).isEqualTo(206);
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("r.txt").range("bytes=-3")).asUtf8String())
                .isEqualTo("789");
        var open = gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("r.txt").range("bytes=6-"));
        assertThat(open.asUtf8String()).isEqualTo("6789");
        assertThat(open.response().contentRange()).isEqualTo("bytes 6-9/10");
        assertThatThrownBy(() -> gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("r.txt").range("bytes=10-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
        assertThatThrownBy(() -> gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("r.txt").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(304);
                    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag")).contains(etag);
                });
        assertThatThrownBy(() -> gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("r.txt").range("bytes=0-1")
                .ifMatch("\"0123456789abcdef0123456789abcdef\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("r.txt").range("bytes=2-4").ifMatch(etag))
                .asUtf8String()).isEqualTo("234");
    }

    @Test
    void checksumsAreVerifiedOnTheWayIn() {
        var put = gateway.putObject(b -> b.bucket(BUCKET).key("sum.txt").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("checked"));
        assertThat(put.checksumSHA256()).isNotBlank();
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("sum.txt")).asUtf8String()).isEqualTo("checked");
        assertThatThrownBy(() -> gateway.putObject(b -> b.bucket(BUCKET).key("sum-bad.txt")
                        .checksumCRC32("AAAAAA=="), RequestBody.fromString("checked")))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        assertThatThrownBy(() -> direct.headObject(b -> b.bucket(BUCKET).key("sum-bad.txt")))
                .as("a body failing its checksum never reaches the upstream as an object")
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void listingsV1AndV2WithDelimiterAndPages() {
        for (String k : List.of("l/a", "l/b/1", "l/b/2", "l/c", "l/d/x")) {
            gateway.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString(k));
        }
        var v2 = gateway.listObjectsV2(b -> b.bucket(BUCKET).prefix("l/").delimiter("/"));
        assertThat(v2.contents()).extracting(S3Object::key).containsExactly("l/a", "l/c");
        assertThat(v2.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("l/b/", "l/d/");
        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = gateway.listObjectsV2(b -> b.bucket(BUCKET).prefix("l/").maxKeys(2).continuationToken(t));
            page.contents().forEach(o -> paged.add(o.key()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        assertThat(paged).containsExactly("l/a", "l/b/1", "l/b/2", "l/c", "l/d/x");
        var v1 = gateway.listObjects(b -> b.bucket(BUCKET).prefix("l/").marker("l/b/2").maxKeys(1));
        assertThat(v1.contents()).extracting(S3Object::key).containsExactly("l/c");
        assertThat(v1.isTruncated()).isTrue();
    }

    @Test
    void multipartOfThreePartsIncludingACopiedPart() {
        byte[] part = new byte[5 * 1024 * 1024];
        new Random(3).nextBytes(part);
        gateway.putObject(b -> b.bucket(BUCKET).key("mp-src"), RequestBody.fromBytes(part));
        String id = gateway.createMultipartUpload(b -> b.bucket(BUCKET).key("mp").contentType("application/x-mp"))
                .uploadId();
        assertThat(gateway.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .anyMatch(u -> u.uploadId().equals(id));
        String e1 = gateway.uploadPart(b -> b.bucket(BUCKET).key("mp").uploadId(id).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        String e2 = gateway.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("mp-src").destinationBucket(BUCKET)
                .destinationKey("mp").uploadId(id).partNumber(2)).copyPartResult().eTag();
        String e3 = gateway.uploadPart(b -> b.bucket(BUCKET).key("mp").uploadId(id).partNumber(3),
                RequestBody.fromString("tail")).eTag();
        assertThat(gateway.listParts(b -> b.bucket(BUCKET).key("mp").uploadId(id)).parts()).hasSize(3);
        var done = gateway.completeMultipartUpload(b -> b.bucket(BUCKET).key("mp").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build(),
                        CompletedPart.builder().partNumber(3).eTag(e3).build())));
        assertThat(done.eTag()).endsWith("-3\"");
        var head = gateway.headObject(b -> b.bucket(BUCKET).key("mp"));
        assertThat(head.contentLength()).isEqualTo(2L * part.length + 4);
        assertThat(head.contentType()).isEqualTo("application/x-mp");
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp").range("bytes=" + (2L * part.length) + "-"))
                .asUtf8String()).isEqualTo("tail");
        String aborted = gateway.createMultipartUpload(b -> b.bucket(BUCKET).key("mp-aborted")).uploadId();
        gateway.abortMultipartUpload(b -> b.bucket(BUCKET).key("mp-aborted").uploadId(aborted));
        assertThat(gateway.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .noneMatch(u -> u.uploadId().equals(aborted) || u.uploadId().equals(id));
    }

    @Test
    void copyRunsOnTheUpstreamWithReplacedMetadata() {
        gateway.putObject(b -> b.bucket(BUCKET).key("copy-src").metadata(Map.of("v", "1")),
                RequestBody.fromString("copy me"));
        var copied = gateway.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-src").destinationBucket(BUCKET)
                .destinationKey("copy-dst").metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("v", "2")));
        assertThat(copied.copyObjectResult().eTag()).isNotBlank();
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy-dst")).asUtf8String()).isEqualTo("copy me");
        assertThat(direct.headObject(b -> b.bucket(BUCKET).key("copy-dst")).metadata()).containsEntry("v", "2");
        gateway.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-src").destinationBucket(BUCKET)
                .destinationKey("copy-dst2"));
        assertThat(gateway.headObject(b -> b.bucket(BUCKET).key("copy-dst2")).metadata()).containsEntry("v", "1");
    }

    @Test
    void deleteManyRemovesFromTheUpstream() {
        for (String k : List.of("del/1", "del/2", "del/3")) {
            gateway.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString(k));
        }
        var r = gateway.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
                ObjectIdentifier.builder().key("del/1").build(), ObjectIdentifier.builder().key("del/2").build(),
                ObjectIdentifier.builder().key("del/missing").build())));
        assertThat(r.errors()).isEmpty();
        assertThat(direct.listObjectsV2(b -> b.bucket(BUCKET).prefix("del/")).contents()).extracting(S3Object::key)
                .containsExactly("del/3");
        gateway.deleteObject(b -> b.bucket(BUCKET).key("del/3"));
        assertThat(direct.listObjectsV2(b -> b.bucket(BUCKET).prefix("del/")).contents()).isEmpty();
    }

    @Test
    void presignedPutAndGet() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ACCESS, SECRET)))
                .build()) {
            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("by url")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> got = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo("by url");
        }
    }

    @Test
    void upstreamErrorsReachTheClientWithTheirCodes() {
        assertThatThrownBy(() -> gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("no-such-key")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> gateway.listObjectsV2(b -> b.bucket("tg-pt-absent")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> gateway.putObject(b -> b.bucket("tg-pt-absent").key("k"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
                });
        gateway.putObject(b -> b.bucket(BUCKET).key("cond"), RequestBody.fromString("1"));
        assertThatThrownBy(() -> gateway.putObject(b -> b.bucket(BUCKET).key("cond").ifNoneMatch("*"),
                RequestBody.fromString("2")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond")).asUtf8String()).isEqualTo("1");
    }

    @Test
    void upstreamDownIsAClearServiceUnavailableAndTheGatewayStaysUp() {
        assertThatThrownBy(() -> gateway.getObjectAsBytes(b -> b.bucket(DOWN_BUCKET).key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("'nowhere'").contains("unavailable");
                });
        assertThatThrownBy(() -> gateway.putObject(b -> b.bucket(DOWN_BUCKET).key("k"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        // ListBuckets needs every backend: all or nothing, and the error names the one that did not answer
        assertThatThrownBy(() -> gateway.listBuckets())
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("backend 'nowhere'");
                });
        gateway.putObject(b -> b.bucket(BUCKET).key("still-up"), RequestBody.fromString("yes"));
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("still-up")).asUtf8String()).isEqualTo("yes");
    }

    @Test
    void clientDroppingMidUploadLeavesNoObjectUpstream() throws Exception {
        long declared = 16L * 1024 * 1024;
        InputStream failing = new GeneratedStream(declared, 11) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position() > 3L * 1024 * 1024) {
                    throw new IOException("client gone");
                }
                return super.read(b, off, len);
            }
        };
        assertThatThrownBy(() -> gateway.putObject(b -> b.bucket(BUCKET).key("dropped"),
                RequestBody.fromContentProvider(() -> failing, declared, "application/octet-stream")))
                .hasStackTraceContaining("client gone");
        // The gateway abandons the upstream request once it notices; poll until the upstream has settled.
        boolean absent = false;
        for (int i = 0; i < 50 && !absent; i++) {
            try {
                direct.headObject(b -> b.bucket(BUCKET).key("dropped"));
                Thread.sleep(200);
            } catch (NoSuchKeyException e) {
                absent = true;
            }
        }
        Thread.sleep(1000);
        assertThatThrownBy(() -> direct.headObject(b -> b.bucket(BUCKET).key("dropped")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void largeObjectStreamsBothWaysWithoutHeapGrowth() throws Exception {
        long size = 200L * 1024 * 1024;
        HeapWatch watch = HeapWatch.start();
        MessageDigest sent = MessageDigest.getInstance("MD5");
        gateway.putObject(b -> b.bucket(BUCKET).key("big.bin"), RequestBody.fromContentProvider(
                () -> new java.security.DigestInputStream(new GeneratedStream(size, 5), sent), size,
                "application/octet-stream"));
        MessageDigest received = MessageDigest.getInstance("MD5");
        long count = 0;
        try (ResponseInputStream<GetObjectResponse> in = gateway.getObject(b -> b.bucket(BUCKET).key("big.bin"))) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                received.update(buf, 0, n);
                count += n;
            }
        }
        long grown = watch.stop();
        assertThat(count).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        System.out.printf("S3PassthroughIT: 200 MiB up and down; live heap after GC grew by at most %d KiB%n",
                grown / 1024);
        assertThat(grown).as("live heap growth while 200 MiB streamed through").isLessThan(size / 4);
    }

    /** Deterministic pseudo-random bytes of a given length, never held in memory. */
    static class GeneratedStream extends InputStream {
        private final long length;
        private final Random random;
        private long position;

        GeneratedStream(long length, long seed) {
            this.length = length;
            this.random = new Random(seed);
        }

        long position() {
            return position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            position += n;
            return n;
        }
    }

    /** Samples the heap after a GC in the background; reports the largest live heap seen above the baseline. */
    static final class HeapWatch {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong max = new AtomicLong();
        private final long baseline;
        private final Thread thread;

        private HeapWatch() {
            System.gc();
            baseline = used();
            thread = new Thread(() -> {
                while (running.get()) {
                    System.gc();
                    max.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return Math.max(0, max.get() - baseline);
        }

        private static long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
