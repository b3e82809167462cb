package io.trustgate.translators.s3.azure;

import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.ObjectSummary;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.WriteConditions;
import io.trustgate.testsupport.Azurite;
import io.trustgate.translators.s3.filesystem.Blobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys Azure cannot list (control characters, non-characters, unpaired surrogates) are refused with 400
 * InvalidArgument by every write against a real Azurite, so a listing of the bucket keeps working; a blob stored
 * under such a name before (written straight to Azure here) can still be read and deleted.
 */
class AzureKeyNamesIT {

    private static AzureBlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        Azurite.require();
        store = AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, 64 * 1024, 4));
        bucket = "tg-azure-names-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void everyWriteRefusesAKeyAzureCannotListAndListingsKeepWorking() {
        Blobs.put(store, bucket, "ok/plain", "v");
        Blobs.put(store, bucket, "ok/emoji\ud83d\ude00", "v");
        for (String key : List.of("ctl\u0001x", "del\u007fx", "nl\nx", "nc\uffffx", "lone\ud800x")) {
            assertThat(errorCode(store.putObject(new PutObjectRequest(bucket, key, 1, ObjectProperties.EMPTY,
                    WriteConditions.NONE)))).as("PutObject %s", key).isEqualTo("InvalidArgument");
            assertThat(errorCode(store.copyObject(new CopyObjectRequest(bucket, "ok/plain", null, bucket, key,
                    null, WriteConditions.NONE)))).as("CopyObject to %s", key).isEqualTo("InvalidArgument");
            assertThat(errorCode(store.createMultipartUpload(new CreateMultipartRequest(bucket, key,
                    ObjectProperties.EMPTY, null, null)))).as("CreateMultipartUpload %s", key)
                    .isEqualTo("InvalidArgument");
            assertThat(errorCode(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key, "none",
                    List.of(), WriteConditions.NONE, List.of())))).as("Complete %s", key).isEqualTo("InvalidArgument");
        }
        assertThat(join(store.listObjects(new ListObjectsRequest(bucket, "", null, "", 1000))).objects())
                .extracting(ObjectSummary::key).containsExactly("ok/emoji\ud83d\ude00", "ok/plain");
    }

    @Test
    void aBlobStoredUnderAControlCharacterBeforeCanStillBeReadAndDeleted() {
        String old = bucket + "-old";
        join(store.createBucket(old));
        String key = "old/ctl\u0001x";
        store.container(old).getBlobClient(key).upload(com.azure.core.util.BinaryData.fromString("old"));
        assertThat(Blobs.getString(store, old, key)).isEqualTo("old");
        join(store.deleteObject(old, key));
        assertThat(errorCode(store.headObject(old, key))).isEqualTo("NoSuchKey");
        assertThat(join(store.listObjects(new ListObjectsRequest(old, "", null, "", 1000))).objects()).isEmpty();
        join(store.deleteBucket(old));
    }
}
