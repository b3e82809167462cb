package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CustomerKey;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.ReadHints;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.spi.WriteConditions;
import io.trustgate.testsupport.RequiredBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-loop path of the S3 passthrough against the real S3Proxy that {@code scripts/s3proxy.sh} runs on
 * loopback (HTTP 9100 and its self-signed HTTPS 9101): UploadPart and ranged or conditional GETs are taken by it
 * ({@link LoopWriter}, {@link LoopReader}), over both schemes, driven on a Netty event loop as the server does.
 * The https store trusts S3Proxy's certificate through {@link S3PassthroughSettings#trustedCertificates()}; the JVM's
 * default trust (which does not know it) is left alone.
 */
class LoopObjectsIT {

    static final String ACCESS = env("S3PROXY_ACCESS_KEY", "trustgate-s3proxy");
    static final String SECRET = env("S3PROXY_SECRET_KEY", "trustgate-s3proxy-secret");
    static final int HTTP_PORT = Integer.parseInt(env("S3PROXY_PORT", "9100"));
    static final int TLS_PORT = Integer.parseInt(env("S3PROXY_TLS_PORT", "9101"));
    static final String BUCKET = "tg-loop-" + Long.toHexString(System.nanoTime());
    static final int MIB = 1024 * 1024;

    static EventLoopGroup group;
    static Channel channel;
    static S3Client direct;
    static S3PassthroughStore http;
    static S3PassthroughStore https;
    static byte[] object;
    static String objectEtag;

    @BeforeAll
    static void start() throws Exception {
        if (!answers(HTTP_PORT)) {
            RequiredBackend.missing("S3Proxy does not answer on 127.0.0.1:" + HTTP_PORT + " (scripts/s3proxy.sh)");
        }
        Path home = Path.of(env("S3PROXY_HOME", env("TMPDIR", "/tmp") + "/trustgate-s3proxy"));
        Path keystore = home.resolve("keystore.p12");
        assertThat(Files.isReadable(keystore)).as("S3Proxy's keystore " + keystore).isTrue();
        // The https backend trusts S3Proxy's self-signed certificate through its own setting, not the JVM's trust.
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, env("S3PROXY_KEYSTORE_PASSWORD", "trustgate").toCharArray());
        }
        X509Certificate s3proxyCertificate = (X509Certificate) ks.getCertificate("s3proxy");
        assertThat(s3proxyCertificate).as("S3Proxy's certificate in " + keystore).isNotNull();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        channel = new NioSocketChannel();
        group.register(channel).sync();
        URI httpUri = URI.create("http://127.0.0.1:" + HTTP_PORT);
        direct = S3Client.builder().endpointOverride(httpUri).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
        direct.createBucket(b -> b.bucket(BUCKET));
        http = S3PassthroughStore.open(S3PassthroughSettings.of("loop-http", httpUri, ACCESS, SECRET));
        https = S3PassthroughStore.open(S3PassthroughSettings.of("loop-https",
                URI.create("https://127.0.0.1:" + TLS_PORT), ACCESS, SECRET)
                .withTrustedCertificates(List.of(s3proxyCertificate)));
        object = new byte[MIB];
        new Random(7).nextBytes(object);
        objectEtag = direct.putObject(b -> b.bucket(BUCKET).key("ranged"), RequestBody.fromBytes(object)).eTag();
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
            https.close();
        }
        if (direct != null) {
            direct.listObjectsV2(b -> b.bucket(BUCKET)).contents()
                    .forEach(o -> direct.deleteObject(b -> b.bucket(BUCKET).key(o.key())));
            direct.deleteBucket(b -> b.bucket(BUCKET));
            direct.close();
        }
        if (group != null) {
            channel.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void multipartOfThreePartsUploadsEachPartOnTheEventLoop(String scheme) throws Exception {
        S3PassthroughStore store = store(scheme);
        String key = "mp-" + scheme;
        String id = direct.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        byte[][] parts = {bytes(5 * MIB, 1), bytes(5 * MIB, 2), bytes(12_345, 3)};
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            byte[] part = parts[i];
            // Part 3 carries its checksum as a header, which goes on upstream and comes back in the answer.
            String crc32 = i == 2 ? crc32(part) : null;
            UploadPartRequest req = new UploadPartRequest(BUCKET, key, id, i + 1, part.length,
                    crc32 == null ? null : "CRC32", crc32);
            PartInfo info = onLoop(() -> {
                CompletionStage<BlobWriter<PartInfo>> w = store.uploadPart(req, channel);
                assertThat(w).as("UploadPart takes the event-loop path").isNotNull();
                return w.thenCompose(writer -> {
                    assertThat(writer).isInstanceOf(LoopWriter.class);
                    return upload(writer, part, crc32 == null ? List.of()
                            : List.of(new Checksum("CRC32", crc32, ChecksumType.FULL_OBJECT)));
                });
            });
            assertThat(info.etag()).isEqualTo(md5Hex(part));
            assertThat(info.size()).isEqualTo(part.length);
            if (crc32 != null) {
                assertThat(info.checksums()).extracting(Checksum::value).containsExactly(crc32);
            }
            completed.add(CompletedPart.builder().partNumber(i + 1).eTag("\"" + info.etag() + "\"").build());
        }
        direct.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .multipartUpload(m -> m.parts(completed)));
        byte[] stored = direct.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        byte[] expected = new byte[parts[0].length + parts[1].length + parts[2].length];
        System.arraycopy(parts[0], 0, expected, 0, parts[0].length);
        System.arraycopy(parts[1], 0, expected, parts[0].length, parts[1].length);
        System.arraycopy(parts[2], 0, expected, parts[0].length + parts[1].length, parts[2].length);
        assertThat(stored).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void putObjectThenGetItBackOnTheEventLoop(String scheme) throws Exception {
        S3PassthroughStore store = store(scheme);
        byte[] body = bytes(300_000, 11);
        PutObjectRequest req = new PutObjectRequest(BUCKET, "put-" + scheme, body.length,
                new ObjectProperties(null, null, null, null, null, null, java.util.Map.of()), WriteConditions.NONE);
        var info = onLoop(() -> store.putObject(req, channel).thenCompose(w -> upload(w, body, List.of())));
        assertThat(info.etag()).isEqualTo(md5Hex(body));
        assertThat(read(store, "put-" + scheme, ReadHints.NONE, 0, body.length)).isEqualTo(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void aTrailerChecksumUploadGoesAwsChunkedAndIsStoredWhole(String scheme) throws Exception {
        S3PassthroughStore store = store(scheme);
        String key = "trailer-" + scheme;
        byte[] body = bytes(300_000, 12);
        String crc32 = crc32(body);
        PutObjectRequest req = new PutObjectRequest(BUCKET, key, body.length,
                new ObjectProperties("text/plain", "gzip", null, null, null, null, java.util.Map.of("m", "v")),
                WriteConditions.NONE, "CRC32", null);
        var info = onLoop(() -> store.putObject(req, channel).thenCompose(w -> upload(w, body,
                List.of(new Checksum("CRC32", crc32, ChecksumType.FULL_OBJECT)))));
        assertThat(info.etag()).isEqualTo(md5Hex(body));
        // S3Proxy decoded the aws-chunked framing: the object is the body, and aws-chunked is not its encoding.
        var got = direct.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertThat(got.asByteArray()).isEqualTo(body);
        assertThat(got.response().contentEncoding()).isEqualTo("gzip");
        assertThat(got.response().metadata()).containsEntry("m", "v");
        // S3Proxy 4.0.0 takes a trailer but neither checks nor keeps its checksum (it keeps one sent as a header);
        // an S3 that keeps it (AWS) returns the CRC32 here. A newer S3Proxy that keeps it fails this line.
        assertThat(direct.headObject(b -> b.bucket(BUCKET).key(key)
                .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED)).checksumCRC32())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void aTrailerChecksumUploadThatFailedVerificationLeavesNothingUpstream(String scheme) throws Exception {
        S3PassthroughStore store = store(scheme);
        String key = "trailer-refused-" + scheme;
        byte[] body = bytes(300_000, 13);
        PutObjectRequest req = new PutObjectRequest(BUCKET, key, body.length,
                new ObjectProperties(null, null, null, null, null, null, java.util.Map.of()), WriteConditions.NONE,
                "CRC32", null);
        // All the body written, then aborted as the server does on BadDigest: S3Proxy does not check trailers, so it
        // would store a body that reached it whole with any trailer value.
        onLoop(() -> store.putObject(req, channel).thenCompose(w -> upload(w, body, null).handle((v, e) -> null)));
        assertThat(direct.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents())
                .noneMatch(o -> o.key().equals(key));
        // S3Proxy's filesystem store writes into a temporary "<key>-<uuid>" file, listed until S3Proxy has seen the
        // connection end and removed it: wait (at most 20 s) until nothing under the key is left.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (direct.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).keyCount() > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(direct.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).keyCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void anEmptyTrailerChecksumUploadGoesAwsChunkedAndAnAbortedOneLeavesNothing(String scheme) throws Exception {
        S3PassthroughStore store = store(scheme);
        ObjectProperties none = new ObjectProperties(null, null, null, null, null, null, java.util.Map.of());
        String key = "trailer-empty-" + scheme;
        PutObjectRequest req = new PutObjectRequest(BUCKET, key, 0, none, WriteConditions.NONE, "CRC32", null);
        var info = onLoop(() -> {
            CompletionStage<BlobWriter<io.trustgate.s3.spi.ObjectInfo>> w = store.putObject(req, channel);
            assertThat(w).as("an empty PUT with a trailer checksum takes the event-loop path").isNotNull();
            return w.thenCompose(writer -> writer.commit(new BodyDigest(0, null,
                    List.of(new Checksum("CRC32", "AAAAAA==", ChecksumType.FULL_OBJECT)))));
        });
        assertThat(info.etag()).isEqualTo(md5Hex(new byte[0]));
        assertThat(direct.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()).isEmpty();
        // Aborted (BadDigest): the 0-size chunk and trailer never leave, so the upstream request never completes.
        String refused = "trailer-empty-refused-" + scheme;
        PutObjectRequest bad = new PutObjectRequest(BUCKET, refused, 0, none, WriteConditions.NONE, "CRC32", null);
        onLoop(() -> store.putObject(bad, channel).thenApply(w -> {
            w.abort();
            return null;
        }));
        assertThat(direct.listObjectsV2(b -> b.bucket(BUCKET).prefix(refused)).keyCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void rangesAreAnsweredByTheUpstream(String scheme) throws Exception {
        S3PassthroughStore store = store(scheme);
        // first bytes
        assertThat(read(store, "ranged", range("bytes=0-99"), 0, 100)).isEqualTo(Arrays.copyOfRange(object, 0, 100));
        // a suffix
        assertThat(read(store, "ranged", range("bytes=-100"), MIB - 100, 100))
                .isEqualTo(Arrays.copyOfRange(object, MIB - 100, MIB));
        // open-ended
        assertThat(read(store, "ranged", range("bytes=1048000-"), 1_048_000, MIB - 1_048_000))
                .isEqualTo(Arrays.copyOfRange(object, 1_048_000, MIB));
        // in the middle, with a condition the object meets
        assertThat(read(store, "ranged", new ReadHints("bytes=1000-1999", objectEtag, null, null, null), 1000, 1000))
                .isEqualTo(Arrays.copyOfRange(object, 1000, 2000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void answersCausedByForwardedHeadersLeaveTheDecisionToTheServer(String scheme) throws Exception {
        S3PassthroughStore store = store(scheme);
        // 416, 304 and 412 upstream: the object is opened again (a HEAD) and the server judges its attributes.
        for (ReadHints hints : List.of(range("bytes=2000000-"),
                new ReadHints(null, null, objectEtag, null, null),
                new ReadHints("bytes=0-9", "\"0123456789abcdef0123456789abcdef\"", null, null, null),
                new ReadHints(null, null, null, "Sun, 06 Nov 2050 08:49:37 GMT", null))) {
            BlobReader reader = onLoop(() -> store.openObject(BUCKET, "ranged", false, hints, channel));
            try {
                assertThat(reader.info().size()).as(hints.toString()).isEqualTo(MIB);
                assertThat("\"" + reader.info().etag() + "\"").isEqualTo(objectEtag);
                // Should the server serve it after all (the object changed in between), reads still work.
                ByteBuf b = onLoop(() -> reader.read(5, 10, ByteBufAllocator.DEFAULT));
                try {
                    assertThat(ByteBufUtil.getBytes(b)).isEqualTo(Arrays.copyOfRange(object, 5, 15));
                } finally {
                    b.release();
                }
            } finally {
                onLoop(() -> {
                    reader.close();
                    return CompletableFuture.completedFuture(null);
                });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void aCustomerKeyGoesToTheUpstreamOnGetAndHead(String scheme) throws Exception {
        S3PassthroughStore store = store(scheme);
        CustomerKey key = new CustomerKey("AES256", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
                "KYvwGXoFFJ42a2u2GDWhwQ==");
        // S3Proxy 4.0.0 takes no SSE-C: its 501 proves the key reached it (the filesystem backend answers 400).
        for (boolean head : List.of(false, true)) {
            for (ReadHints hints : List.of(new ReadHints(null, null, null, null, null, key),
                    new ReadHints("bytes=0-9", null, null, null, null, key),
                    new ReadHints("bytes=2000000-", null, null, null, null, key))) {
                Throwable t = failure(() -> onLoop(() -> store.openObject(BUCKET, "ranged", head, hints, channel)));
                assertThat(t).as("%s head=%s", hints, head).isInstanceOfSatisfying(BlobStoreException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(501));
            }
        }
        BlobReader plain = onLoop(() -> store.openObject(BUCKET, "ranged", true, ReadHints.NONE, channel));
        assertThat(plain.info().size()).isEqualTo(MIB);
        onLoop(() -> {
            plain.close();
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void theSdkPathTrustsTheSameCertificates() throws Exception {
        // headBucket, headObject and openObject without a client channel go through the AWS SDK's Netty client.
        assertThat(https.headBucket(BUCKET).toCompletableFuture().get(60, TimeUnit.SECONDS).name()).isEqualTo(BUCKET);
        assertThat(https.headObject(BUCKET, "ranged").toCompletableFuture().get(60, TimeUnit.SECONDS).size())
                .isEqualTo(MIB);
        BlobReader reader = https.openObject(BUCKET, "ranged").toCompletableFuture().get(60, TimeUnit.SECONDS);
        try {
            assertThat(reader).isInstanceOf(UpstreamReader.class);
            ByteBuf b = reader.read(0, 10, ByteBufAllocator.DEFAULT).toCompletableFuture().get(60, TimeUnit.SECONDS);
            try {
                assertThat(ByteBufUtil.getBytes(b)).isEqualTo(Arrays.copyOfRange(object, 0, b.readableBytes()));
            } finally {
                b.release();
            }
        } finally {
            reader.close();
        }
    }

    @Test
    void withoutTheCertificateBothPathsAnswerServiceUnavailableNamingTls() throws Exception {
        try (S3PassthroughStore untrusted = S3PassthroughStore.open(S3PassthroughSettings.of("loop-untrusted",
                URI.create("https://127.0.0.1:" + TLS_PORT), ACCESS, SECRET))) {
            // The event-loop path (GET on the client's loop), then the SDK path (HEAD bucket).
            Throwable loop = failure(() -> onLoop(() -> untrusted.openObject(BUCKET, "ranged", false, ReadHints.NONE,
                    channel)));
            Throwable sdk = failure(() -> untrusted.headBucket(BUCKET).toCompletableFuture().get(60, TimeUnit.SECONDS));
            for (Throwable t : List.of(loop, sdk)) {
                assertThat(t).isInstanceOfSatisfying(BlobStoreException.class, e -> {
                    assertThat(e.code()).isEqualTo("ServiceUnavailable");
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("'loop-untrusted'").contains("TLS");
                });
            }
        }
    }

    // ---- helpers ----

    /** What {@code call} failed with, unwrapped from the future's wrappers; fails the test when it succeeded. */
    private static Throwable failure(java.util.concurrent.Callable<?> call) {
        try {
            call.call();
        } catch (Throwable t) {
            return BackendErrors.unwrap(t);
        }
        throw new AssertionError("expected a failure");
    }


    /** Reads {@code length} bytes from {@code first} of a reader opened with {@code hints}. */
    private byte[] read(S3PassthroughStore store, String key, ReadHints hints, long first, int length)
            throws Exception {
        BlobReader reader = onLoop(() -> store.openObject(BUCKET, key, false, hints, channel));
        try {
            assertThat(reader).isInstanceOf(LoopReader.class);
            byte[] out = new byte[length];
            int got = 0;
            while (got < length) {
                long at = first + got;
                int max = length - got;
                ByteBuf b = onLoop(() -> reader.read(at, max, ByteBufAllocator.DEFAULT));
                try {
                    int n = b.readableBytes();
                    assertThat(n).isPositive();
                    b.readBytes(out, got, n);
                    got += n;
                } finally {
                    b.release();
                }
            }
            if (hints.range() != null && first + length < MIB) {
                assertThat(((LoopReader) reader).answerArrived())
                        .as("the upstream sent only the range's bytes (a 206), not the whole object").isTrue();
            }
            return out;
        } finally {
            onLoop(() -> {
                reader.close();
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    /**
     * Writes {@code data} in 64 KiB pieces, each after the previous one was taken, then commits; with
     * {@code checksums} null it aborts instead (as the server does when verification failed).
     */
    private static <T> CompletionStage<T> upload(BlobWriter<T> writer, byte[] data, List<Checksum> checksums) {
        CompletionStage<Void> s = CompletableFuture.completedFuture(null);
        for (int off = 0; off < data.length; off += 64 * 1024) {
            int o = off;
            int n = Math.min(64 * 1024, data.length - off);
            s = s.thenCompose(v -> writer.write(Unpooled.wrappedBuffer(data, o, n)));
        }
        if (checksums == null) {
            return s.thenApply(v -> {
                writer.abort();
                return null;
            });
        }
        return s.thenCompose(v -> writer.commit(new BodyDigest(data.length, null, checksums)));
    }

    /** Runs {@code action} on the channel's event loop, as the server does, and waits for its stage. */
    private static <T> T onLoop(Supplier<CompletionStage<T>> action) throws Exception {
        CompletableFuture<T> out = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            try {
                action.get().whenComplete((v, e) -> {
                    if (e != null) {
                        out.completeExceptionally(e);
                    } else {
                        out.complete(v);
                    }
                });
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        });
        return out.get(60, TimeUnit.SECONDS);
    }

    private static S3PassthroughStore store(String scheme) {
        return scheme.equals("https") ? https : http;
    }

    private static ReadHints range(String range) {
        return new ReadHints(range, null, null, null, null);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String md5Hex(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private static String crc32(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        long v = c.getValue();
        return Base64.getEncoder().encodeToString(new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                (byte) v});
    }

    static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
