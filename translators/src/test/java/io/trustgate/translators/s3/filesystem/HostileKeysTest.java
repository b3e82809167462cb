package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

/** Keys that break naive filesystem layouts all round-trip, list in S3 order and never escape the tree. */
class HostileKeysTest {

    static final List<String> KEYS = List.of(
            "a", "a/b", "a/", "a//b", "a/b/", "/", "//", "/leading", "trailing/",
            ".", "..", "./x", "../x", "../../etc/passwd", "a/../../../../outside", "a/./b", "...",
            "..\\..\\windows\\system32", "C:\\x", "con", "NUL", "aux.txt", "nul\u0000byte", "tab\there",
            "new\nline", "percent%2F", "%", "%%", "%00", "space key ", " ", "*?<>|\":",
            "ünïcödé/ключ/鍵", "\uD834\uDD1E clef", "\uE000 private", "\uFFFF", "emoji/\uD83D\uDE00",
            "A", "Aa", "aA",
            "k".repeat(1024), "é".repeat(512), "/".repeat(1024), "a/".repeat(512), "x".repeat(79), "x".repeat(80),
            "x".repeat(81), "x".repeat(160), "x".repeat(80) + "/" + "y".repeat(80), "é/".repeat(341));

    @TempDir
    Path dir;
    Path data;
    FilesystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        data = dir.resolve("data");
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(data).withFsync(FsyncPolicy.NO));
        join(store.createBucket("hostile"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyKeyRoundTripsListsInByteOrderAndStaysInsideTheTree() throws IOException {
        for (String key : KEYS) {
            put(store, "hostile", key, "value of " + key);
        }
        for (String key : KEYS) {
            assertThat(Blobs.getString(store, "hostile", key)).as(key).isEqualTo("value of " + key);
            assertThat(join(store.headObject("hostile", key)).key()).isEqualTo(key);
        }
        List<String> expected = new ArrayList<>(KEYS);
        expected.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                y.getBytes(StandardCharsets.UTF_8)));
        assertThat(listAll(null)).containsExactlyElementsOf(expected);

        try (Stream<Path> top = Files.list(dir)) {
            assertThat(top).as("nothing written beside the data directory").containsExactly(data);
        }
        Path objects = data.resolve("hostile/objects");
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) {
                assertThat(p.normalize()).isEqualTo(p);
                if (p.startsWith(objects) && !p.equals(objects)) {
                    String name = p.getFileName().toString();
                    assertThat(name).as(p.toString()).matches("[odc][A-Za-z0-9._~%-]*");
                    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
                }
            }
        }
        for (String key : KEYS) {
            join(store.deleteObject("hostile", key));
        }
        assertThat(listAll(null)).isEmpty();
        try (Stream<Path> left = Files.list(objects)) {
            assertThat(left).as("empty directories are pruned").isEmpty();
        }
    }

    @Test
    void delimiterListingRollsUpHostileSegments() {
        for (String key : List.of("a", "a/b", "a/", "a//b", "..", "../x", "/", "//x")) {
            put(store, "hostile", key, key);
        }
        ObjectListing page = join(store.listObjects(new ListObjectsRequest("hostile", "", "/", "", 1000)));
        assertThat(page.objects()).extracting(ObjectSummary::key).containsExactly("..", "a");
        assertThat(page.commonPrefixes()).containsExactly("../", "/", "a/");
        ObjectListing inA = join(store.listObjects(new ListObjectsRequest("hostile", "a/", "/", "", 1000)));
        assertThat(inA.objects()).extracting(ObjectSummary::key).containsExactly("a/", "a/b");
        assertThat(inA.commonPrefixes()).containsExactly("a//");
    }

    @Test
    void keysWhosePathWouldExceedTheOsLimitAreRefusedNotTruncated() throws IOException {
        Path deep = dir.resolve(("r".repeat(200) + "/").repeat(5));
        try (FilesystemBlobStore deepStore = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(deep))) {
            join(deepStore.createBucket("deep"));
            put(deepStore, "deep", "short", "fits");
            // 1024 bytes that each encode to 3 characters: about 3,100 characters below a 1,000-character root
            assertThat(errorCode(deepStore.putObject(new io.trustgate.s3.spi.PutObjectRequest("deep",
                    "é".repeat(512), 1, null, null)))).isEqualTo("KeyTooLongError");
            assertThat(Blobs.getString(deepStore, "deep", "short")).isEqualTo("fits");
        }
    }

    private List<String> listAll(String delimiter) {
        List<String> keys = new ArrayList<>();
        String marker = "";
        while (true) {
            ObjectListing page = join(store.listObjects(new ListObjectsRequest("hostile", "", delimiter, marker, 7)));
            page.objects().forEach(o -> keys.add(o.key()));
            if (!page.truncated()) {
                return keys;
            }
            marker = page.nextMarker();
        }
    }
}
