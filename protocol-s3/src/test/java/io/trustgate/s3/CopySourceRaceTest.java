package io.trustgate.s3;

import io.netty.buffer.Unpooled;
import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobPump;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.InMemoryBlobStore;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.WriteConditions;
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
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A copy whose source is overwritten between the server's look at the source and the copy itself copies one
 * consistent version, judged by the client's copy-source conditions, as on S3, instead of failing with a 412 the
 * client did not cause. Deterministic: the stores below overwrite the source at exactly that moment. Real AWS SDK v2
 * over loopback.
 */
class CopySourceRaceTest {

    /** Overwrites the source with this content right after the next look at it (head or open), once. */
    private static final AtomicReference<String> OVERWRITE_AFTER_LOOK = new AtomicReference<>();
    /** Overwrites the source with this content as the next native copy starts, once. */
    private static final AtomicReference<String> OVERWRITE_BEFORE_COPY = new AtomicReference<>();
    private static final AtomicInteger NATIVE_COPIES = new AtomicInteger();

    private static InMemoryBlobStore memory;
    private static S3TestServer streamed;
    private static S3TestServer nativeCopies;
    private static S3Client s3;
    private static S3Client s3Native;

    @BeforeAll
    static void start() throws Exception {
        memory = new InMemoryBlobStore(5);
        BlobCapabilities withCopy = BlobCapabilities.builder()
                .natively(BlobCapability.MULTIPART, null)
                .natively(BlobCapability.SERVER_SIDE_COPY, "the test's own, pinned by the source ETag")
                .natively(BlobCapability.CONDITIONAL_WRITES, null)
                .natively(BlobCapability.USER_METADATA, null)
                .natively(BlobCapability.BUCKET_MANAGEMENT, null)
                .build();
        streamed = new S3TestServer(racing(memory, null));
        nativeCopies = new S3TestServer(racing(memory, withCopy));
        s3 = client(streamed);
        s3Native = client(nativeCopies);
        s3.createBucket(b -> b.bucket("race"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        s3Native.close();
        streamed.close();
        nativeCopies.close();
    }

    @Test
    void uploadPartCopyOverwrittenAfterTheLookCopiesTheRangeOfTheVersionItJudged() {
        put("part-src", "old-0123456789");
        String oldEtag = md5("old-0123456789");
        String id = s3.createMultipartUpload(b -> b.bucket("race").key("part-dst")).uploadId();
        OVERWRITE_AFTER_LOOK.set("NEW-abcdefghijklmnop");
        var part = s3.uploadPartCopy(b -> b.sourceBucket("race").sourceKey("part-src").destinationBucket("race")
                .destinationKey("part-dst").uploadId(id).partNumber(1).copySourceRange("bytes=4-9")
                .copySourceIfMatch("\"" + oldEtag + "\"")).copyPartResult();
        assertThat(OVERWRITE_AFTER_LOOK.get()).as("the overwrite happened").isNull();
        assertThat(part.eTag()).isEqualTo("\"" + md5("012345") + "\"");
        s3.abortMultipartUpload(b -> b.bucket("race").key("part-dst").uploadId(id));
    }

    @Test
    void copyAcrossTheGatewayOverwrittenAfterTheLookCopiesTheVersionItJudged() {
        put("stream-src", "old whole object");
        OVERWRITE_AFTER_LOOK.set("new whole object, longer");
        var result = s3.copyObject(b -> b.sourceBucket("race").sourceKey("stream-src").destinationBucket("race")
                .destinationKey("stream-dst").copySourceIfMatch("\"" + md5("old whole object") + "\""))
                .copyObjectResult();
        assertThat(OVERWRITE_AFTER_LOOK.get()).as("the overwrite happened").isNull();
        assertThat(result.eTag()).isEqualTo("\"" + md5("old whole object") + "\"");
        assertThat(get("stream-dst")).isEqualTo("old whole object");
    }

    @Test
    void aNativeCopyWhoseSourceIsReplacedStartsAgainOnTheNewVersion() {
        put("native-src", "old");
        NATIVE_COPIES.set(0);
        OVERWRITE_BEFORE_COPY.set("new");
        var result = s3Native.copyObject(b -> b.sourceBucket("race").sourceKey("native-src")
                .destinationBucket("race").destinationKey("native-dst")).copyObjectResult();
        assertThat(result.eTag()).isEqualTo("\"" + md5("new") + "\"");
        assertThat(get("native-dst")).isEqualTo("new");
        assertThat(NATIVE_COPIES.get()).isEqualTo(2);
    }

    @Test
    void aNativeCopyStartedAgainJudgesTheNewVersionByTheClientsConditions() {
        put("cond-src", "old");
        NATIVE_COPIES.set(0);
        OVERWRITE_BEFORE_COPY.set("new");
        assertThatThrownBy(() -> s3Native.copyObject(b -> b.sourceBucket("race").sourceKey("cond-src")
                .destinationBucket("race").destinationKey("cond-dst").copySourceIfMatch("\"" + md5("old") + "\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(NATIVE_COPIES.get()).as("the second attempt stops at the condition").isEqualTo(1);
        assertThat(memory.headObject("race", "cond-dst").toCompletableFuture().handle((v, e) -> e == null).join())
                .isFalse();
    }

    @Test
    void aDestinationConditionThatFailsIsTheAnswerWithoutStartingAgain() {
        put("dest-src", "source");
        put("dest-dst", "already here");
        NATIVE_COPIES.set(0);
        assertThatThrownBy(() -> s3Native.copyObject(b -> b.sourceBucket("race").sourceKey("dest-src")
                .destinationBucket("race").destinationKey("dest-dst").ifNoneMatch("*")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(NATIVE_COPIES.get()).isEqualTo(1);
        assertThat(get("dest-dst")).isEqualTo("already here");
    }

    /**
     * {@code memory} behind a proxy that overwrites a source at the moments the tests arm; with {@code copy}
     * capabilities, it also copies natively (a copy pinned by the source's ETag, failing with 412 when it changed).
     */
    private static BlobStore racing(InMemoryBlobStore memory, BlobCapabilities copy) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (copy != null && name.equals("capabilities")) {
                        return copy;
                    }
                    if (copy != null && name.equals("copyObject")) {
                        return copyPinned(memory, (CopyObjectRequest) args[0]);
                    }
                    Object result;
                    try {
                        result = method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if ((name.equals("headObject") || name.equals("openObject")) && args[1] instanceof String key
                            && key.endsWith("-src")) {
                        String content = OVERWRITE_AFTER_LOOK.getAndSet(null);
                        if (content != null) {
                            ((CompletionStage<?>) result).toCompletableFuture().join();
                            write(memory, key, content);
                        }
                    }
                    return result;
                });
    }

    private static CompletionStage<ObjectInfo> copyPinned(InMemoryBlobStore memory, CopyObjectRequest r) {
        NATIVE_COPIES.incrementAndGet();
        String content = OVERWRITE_BEFORE_COPY.getAndSet(null);
        if (content != null) {
            write(memory, r.sourceKey(), content);
        }
        return memory.openObject(r.sourceBucket(), r.sourceKey()).thenCompose(reader -> {
            if (!reader.info().etag().equals(r.sourceEtag())) {
                reader.close();
                return CompletableFuture.failedFuture(BlobStoreException.preconditionFailed());
            }
            return memory.putObject(new PutObjectRequest(r.bucket(), r.key(), reader.info().size(), r.properties(),
                            r.conditions()))
                    .whenComplete((w, e) -> {
                        if (e != null) {
                            reader.close();
                        }
                    })
                    .thenCompose(writer -> BlobPump.copy(reader, 0, reader.info().size(), writer));
        });
    }

    private static void write(InMemoryBlobStore memory, String key, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        memory.putObject(new PutObjectRequest("race", key, bytes.length, ObjectProperties.EMPTY,
                        WriteConditions.NONE))
                .thenCompose(w -> w.write(Unpooled.wrappedBuffer(bytes))
                        .thenCompose(v -> w.commit(new BodyDigest(bytes.length, md5(content), List.of()))))
                .toCompletableFuture().join();
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket("race").key(key), RequestBody.fromString(content));
    }

    private static String get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket("race").key(key)).asUtf8String();
    }

    private static S3Client client(S3TestServer server) {
        return S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(20)))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
