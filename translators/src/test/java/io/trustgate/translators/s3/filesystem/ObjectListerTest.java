package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing against a brute-force model of the SPI's contract, over random keys built from the pieces that break
 * naive layouts: {@code /} runs, {@code .} and {@code ..}, bytes sorting around {@code /}, segments around the
 * 80-byte continuation size, and characters whose UTF-8 order differs from Java's UTF-16 order.
 */
class ObjectListerTest {

    private static final String[] PIECES = {"a", "b", "/", "/", "-", ".", "..", "é", "\uE000", "\uD834\uDD1E",
        "0", "%", " ", "Z", "x".repeat(79), "y".repeat(80), "z".repeat(81), "\u0001", "~"};
    private static final String[] DELIMITERS = {null, "/", "a", "..", "é"};

    @TempDir
    Path dir;
    FilesystemBlobStore store;
    final TreeSet<byte[]> keys = new TreeSet<>(Arrays::compareUnsigned);

    @BeforeEach
    void open() throws IOException {
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withFsync(FsyncPolicy.NO));
        join(store.createBucket("list"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 7, 1234, 99})
    void pagesMatchTheModelForRandomKeysAndRequests(long seed) {
        Random random = new Random(seed);
        while (keys.size() < 400) {
            String key = randomKey(random);
            if (keys.add(key.getBytes(StandardCharsets.UTF_8))) {
                put(store, "list", key, key);
            }
        }
        for (int round = 0; round < 300; round++) {
            String prefix = random.nextInt(3) == 0 ? "" : prefixOf(random);
            String delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
            String marker = random.nextInt(2) == 0 ? "" : prefixOf(random);
            int max = 1 + random.nextInt(random.nextBoolean() ? 5 : 200);
            assertSamePaging(prefix, delimiter, marker, max);
        }
    }

    @Test
    void deletesAndOverwritesStayVisibleToListing() {
        List<String> names = List.of("p/1", "p/2", "p/3/x", "p/3/y", "q");
        for (String n : names) {
            put(store, "list", n, n);
            keys.add(n.getBytes(StandardCharsets.UTF_8));
        }
        assertSamePaging("", "/", "", 1000); // loads the index
        join(store.deleteObject("list", "p/3/x"));
        join(store.deleteObject("list", "p/3/y"));
        keys.remove("p/3/x".getBytes(StandardCharsets.UTF_8));
        keys.remove("p/3/y".getBytes(StandardCharsets.UTF_8));
        put(store, "list", "p/0", "new");
        keys.add("p/0".getBytes(StandardCharsets.UTF_8));
        assertSamePaging("p/", "/", "", 1000);
        assertSamePaging("", null, "", 2);
        ObjectListing page = join(store.listObjects(new ListObjectsRequest("list", "p/", "/", "", 1000)));
        assertThat(page.commonPrefixes()).as("emptied directory is no common prefix").isEmpty();
    }

    @Test
    void maxKeysZeroIsAnEmptyUntruncatedPage() {
        put(store, "list", "k", "v");
        ObjectListing page = join(store.listObjects(new ListObjectsRequest("list", "", null, "", 0)));
        assertThat(page.objects()).isEmpty();
        assertThat(page.truncated()).isFalse();
    }

    private void assertSamePaging(String prefix, String delimiter, String marker, int max) {
        String at = marker;
        for (int page = 0; page < 10_000; page++) {
            ObjectListing expected = Model.list(keys, prefix, delimiter, at, max);
            ObjectListing actual = join(store.listObjects(new ListObjectsRequest("list", prefix, delimiter, at, max)));
            String what = "prefix=" + prefix + " delimiter=" + delimiter + " marker=" + at + " max=" + max;
            assertThat(actual.objects()).extracting(ObjectSummary::key).as(what)
                    .containsExactlyElementsOf(expected.objects().stream().map(ObjectSummary::key).toList());
            assertThat(actual.commonPrefixes()).as(what).containsExactlyElementsOf(expected.commonPrefixes());
            assertThat(actual.truncated()).as(what).isEqualTo(expected.truncated());
            assertThat(actual.nextMarker()).as(what).isEqualTo(expected.nextMarker());
            if (!actual.truncated()) {
                return;
            }
            at = actual.nextMarker();
        }
        throw new AssertionError("listing did not end");
    }

    private static String randomKey(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private String prefixOf(Random random) {
        String key = new String(keys.toArray(new byte[0][])[random.nextInt(keys.size())], StandardCharsets.UTF_8);
        int cut = random.nextInt(key.length() + 1);
        if (cut > 0 && Character.isHighSurrogate(key.charAt(cut - 1))) {
            cut--;
        }
        String p = key.substring(0, cut);
        return random.nextInt(4) == 0 ? p + PIECES[random.nextInt(PIECES.length)] : p;
    }

    /** The contract of ListObjectsRequest, by brute force over a sorted set. */
    static final class Model {
        static ObjectListing list(TreeSet<byte[]> keys, String prefix, String delimiter, String marker, int max) {
            byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            byte[] m = marker.getBytes(StandardCharsets.UTF_8);
            byte[] d = delimiter == null ? null : delimiter.getBytes(StandardCharsets.UTF_8);
            List<ObjectSummary> objects = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            String last = null;
            byte[] lastPrefix = null;
            boolean truncated = false;
            for (byte[] k : keys) {
                if (!ObjectLister.startsWith(k, p) || Arrays.compareUnsigned(k, m) <= 0) {
                    continue;
                }
                byte[] common = null;
                if (d != null) {
                    int at = ObjectLister.indexOf(k, d, p.length);
                    if (at >= 0) {
                        common = Arrays.copyOf(k, at + d.length);
                    }
                }
                if (common != null && (Arrays.equals(common, lastPrefix) || Arrays.compareUnsigned(common, m) <= 0)) {
                    continue;
                }
                if (objects.size() + prefixes.size() == max) {
                    truncated = true;
                    break;
                }
                if (common != null) {
                    lastPrefix = common;
                    last = new String(common, StandardCharsets.UTF_8);
                    prefixes.add(last);
                } else {
                    last = new String(k, StandardCharsets.UTF_8);
                    objects.add(new ObjectSummary(last, 0, null, null));
                }
            }
            return new ObjectListing(objects, prefixes, truncated, truncated ? last : null);
        }
    }
}
