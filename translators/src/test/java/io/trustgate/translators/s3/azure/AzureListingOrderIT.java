package io.trustgate.translators.s3.azure;

import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectSummary;
import io.trustgate.testsupport.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paged listings of keys whose order differs between S3 (UTF-8 bytes) and Azure (UTF-16 code units): U+E000 and
 * U+FF01 sort before an emoji in S3 and after it in Azure. Following the markers page by page must give exactly the
 * one-page listing, each key or prefix once.
 */
class AzureListingOrderIT {

    private static final List<String> KEYS = List.of("a\uff01", "a\ud83d\ude00", "a\ue000", "a\u00e9", "a~", "b",
            "a\ud83d\ude00/x", "a\uff01/y");

    private static AzureBlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        Azurite.require();
        store = AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, 64 * 1024, 4));
        bucket = "tg-azure-lo-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
        for (String k : KEYS) {
            put(store, bucket, k, k);
        }
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            join(store.deleteObjects(bucket, KEYS));
            join(store.deleteBucket(bucket));
            store.close();
        }
    }

    @ParameterizedTest(name = "maxKeys {0}, delimiter ''{1}''")
    @CsvSource({"1,", "2,", "3,", "1,/", "2,/", "3,/"})
    void pagesFollowingTheirMarkersListEveryKeyOnce(int maxKeys, String delimiter) {
        List<String> whole = entries(join(store.listObjects(new ListObjectsRequest(bucket, "", delimiter, "",
                1000))));
        List<String> expected = delimiter == null ? KEYS
                : List.of("a\uff01", "a\ud83d\ude00", "a\ue000", "a\u00e9", "a~", "b", "a\ud83d\ude00/",
                        "a\uff01/");
        assertThat(whole).containsExactlyInAnyOrderElementsOf(expected);

        List<String> paged = new ArrayList<>();
        String marker = "";
        for (int pages = 0; pages <= expected.size(); pages++) {
            ObjectListing page = join(store.listObjects(new ListObjectsRequest(bucket, "", delimiter, marker,
                    maxKeys)));
            List<String> entries = entries(page);
            assertThat(entries.size()).isBetween(1, maxKeys);
            paged.addAll(entries);
            if (!page.truncated()) {
                break;
            }
            assertThat(page.nextMarker()).isEqualTo(entries.get(entries.size() - 1));
            marker = page.nextMarker();
        }
        assertThat(paged).containsExactlyElementsOf(whole);
    }

    /** Objects and prefixes of one page merged in Azure's order, as the page was cut. */
    private static List<String> entries(ObjectListing page) {
        List<String> all = new ArrayList<>(page.objects().stream().map(ObjectSummary::key).toList());
        all.addAll(page.commonPrefixes());
        all.sort(String::compareTo);
        return all;
    }
}
