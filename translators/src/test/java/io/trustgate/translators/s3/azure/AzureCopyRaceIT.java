package io.trustgate.translators.s3.azure;

import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.WriteConditions;
import io.trustgate.testsupport.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.get;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.md5;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native CopyObject whose source is replaced in the window between the store's last look at it and the Copy Blob
 * (made deterministic by a pipeline policy that replaces the source right before the Copy Blob request goes out),
 * called the way the S3 server calls it: HeadObject, the copy-source conditions judged on that, then CopyObject
 * with the S3 ETag judged as {@link CopyObjectRequest#sourceEtag()}. The server sends that ETag whether or not the
 * client sent {@code x-amz-copy-source-if-match}, so both cases are this one SPI call.
 */
class AzureCopyRaceIT {

    private static final AzureRequestLog log = new AzureRequestLog();
    private static AzureBlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        Azurite.require();
        store = AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, 64 * 1024, 4), log);
        bucket = "tg-azure-copy-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    /** S3 copies it (the bytes and so the S3 ETag are the same); before, Azure's new ETag made this a 412. */
    @Test
    void aSourceReuploadedWithTheSameBytesDuringTheCopyIsCopied() {
        String src = "src/" + UUID.randomUUID();
        String dst = "dst/" + UUID.randomUUID();
        byte[] data = "the same bytes, uploaded twice".getBytes(StandardCharsets.UTF_8);
        put(store, bucket, src, data);
        ObjectInfo judged = join(store.headObject(bucket, src));
        log.beforeNextCopy(() -> put(store, bucket, src, data));
        ObjectInfo copied = join(store.copyObject(copy(src, judged, dst)));
        assertThat(log.copyHookRan()).as("the source was replaced between the look and the copy").isTrue();
        assertThat(copied.etag()).isEqualTo(md5(data));
        assertThat(get(store, bucket, dst)).isEqualTo(data);
        assertThat(join(store.headObject(bucket, dst)).properties().userMetadata()).containsEntry("v", "1");
        assertThat(log.forBlob(bucket, dst).stream()
                .filter(s -> s.method().equals("PUT") && !s.url().contains("comp=")).map(s -> s.status()))
                .as("Copy Blob: 412 on the first version, then 202 on the re-upload").containsExactly(412, 202);
    }

    /** New bytes: a 412, on which the server judges the new version and starts the copy again. */
    @Test
    void aSourceReplacedWithOtherBytesDuringTheCopyIs412AndTheNextTryCopiesTheNewVersion() {
        String src = "src/" + UUID.randomUUID();
        String dst = "dst/" + UUID.randomUUID();
        put(store, bucket, src, "before".getBytes(StandardCharsets.UTF_8));
        ObjectInfo judged = join(store.headObject(bucket, src));
        log.beforeNextCopy(() -> put(store, bucket, src, "after".getBytes(StandardCharsets.UTF_8)));
        assertThat(errorCode(store.copyObject(copy(src, judged, dst)))).isEqualTo("PreconditionFailed");
        assertThat(log.copyHookRan()).isTrue();
        assertThat(errorCode(store.headObject(bucket, dst))).isEqualTo("NoSuchKey");
        ObjectInfo now = join(store.headObject(bucket, src));
        assertThat(now.etag()).isNotEqualTo(judged.etag());
        assertThat(join(store.copyObject(copy(src, now, dst))).etag()).isEqualTo(now.etag());
        assertThat(get(store, bucket, dst)).isEqualTo("after".getBytes(StandardCharsets.UTF_8));
    }

    /** A destination condition that fails is still the answer, with the source untouched. */
    @Test
    void aFailedDestinationConditionIsStill412() {
        String src = "src/" + UUID.randomUUID();
        String dst = "dst/" + UUID.randomUUID();
        put(store, bucket, src, "source".getBytes(StandardCharsets.UTF_8));
        put(store, bucket, dst, "taken".getBytes(StandardCharsets.UTF_8));
        ObjectInfo judged = join(store.headObject(bucket, src));
        assertThat(errorCode(store.copyObject(new CopyObjectRequest(bucket, src, judged.etag(), bucket, dst,
                ObjectProperties.EMPTY, new WriteConditions(null, true))))).isEqualTo("PreconditionFailed");
        assertThat(get(store, bucket, dst)).isEqualTo("taken".getBytes(StandardCharsets.UTF_8));
    }

    /** A destination If-Match whose version is replaced during the copy: the lost race is 409, as on S3. */
    @Test
    void aDestinationReplacedDuringAConditionalCopyIsAConflict() {
        String src = "src/" + UUID.randomUUID();
        String dst = "dst/" + UUID.randomUUID();
        put(store, bucket, src, "source".getBytes(StandardCharsets.UTF_8));
        ObjectInfo target = put(store, bucket, dst, "target".getBytes(StandardCharsets.UTF_8));
        ObjectInfo judged = join(store.headObject(bucket, src));
        log.beforeNextCopy(() -> put(store, bucket, dst, "target".getBytes(StandardCharsets.UTF_8)));
        assertThat(errorCode(store.copyObject(new CopyObjectRequest(bucket, src, judged.etag(), bucket, dst,
                ObjectProperties.EMPTY, new WriteConditions(target.etag(), false)))))
                .isEqualTo("ConditionalRequestConflict");
        assertThat(log.copyHookRan()).isTrue();
        assertThat(get(store, bucket, dst)).isEqualTo("target".getBytes(StandardCharsets.UTF_8));
    }

    private static CopyObjectRequest copy(String src, ObjectInfo judged, String dst) {
        return new CopyObjectRequest(bucket, src, judged.etag(), bucket, dst,
                new ObjectProperties(null, null, null, null, null, null, Map.of("v", "1")), WriteConditions.NONE);
    }
}
