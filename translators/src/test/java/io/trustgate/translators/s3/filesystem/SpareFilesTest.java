package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overwritten versions are kept as spare files and overwritten in place by later PUTs ({@link SpareFiles}): the
 * reused file holds exactly the new object, a reader that holds the old version keeps reading it, and neither a
 * restart nor a bucket deletion leaves spares behind or breaks later PUTs.
 */
class SpareFilesTest {

    @TempDir
    Path dir;

    private FilesystemBlobStore open(FsyncPolicy fsync) throws IOException {
        return FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withFsync(fsync));
    }

    private Path tmp(String bucket) {
        return dir.resolve(bucket).resolve("tmp");
    }

    private List<Path> spares(String bucket) throws IOException {
        try (Stream<Path> s = Files.list(tmp(bucket))) {
            return s.toList();
        }
    }

    private Path objectFile(String bucket, String key) {
        return dir.resolve(bucket).resolve("objects").resolve("o" + key);
    }

    private static byte[] filled(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }

    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"NO", "ALWAYS"})
    void aLongerReplacedVersionIsReusedAndCutToTheNewObject(FsyncPolicy fsync) throws IOException {
        try (FilesystemBlobStore store = open(fsync)) {
            join(store.createBucket("spares"));
            Blobs.put(store, "spares", "a", filled(300_000, 'A'));
            Object oldInode = Files.getAttribute(objectFile("spares", "a"), "unix:ino");
            Blobs.put(store, "spares", "a", "short");
            assertThat(spares("spares")).as("the replaced 300 kB version, kept as a spare").hasSize(1);

            Blobs.put(store, "spares", "new", "tiny");

            assertThat(spares("spares")).as("the spare was taken").isEmpty();
            assertThat(Files.getAttribute(objectFile("spares", "new"), "unix:ino")).isEqualTo(oldInode);
            assertThat(Blobs.getString(store, "spares", "new")).isEqualTo("tiny");
            assertThat(join(store.headObject("spares", "new")).size()).isEqualTo(4);
            assertThat(Files.size(objectFile("spares", "new"))).isLessThan(1000);
            assertThat(Blobs.getString(store, "spares", "a")).isEqualTo("short");
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void aVersionThatIsBeingReadIsNeverReused(FsyncPolicy fsync) throws IOException {
        try (FilesystemBlobStore store = open(fsync)) {
            join(store.createBucket("spares"));
            byte[] old = filled(200_000, 'A'); // larger than the footer read: the reader keeps the file open
            Blobs.put(store, "spares", "a", old);
            try (BlobReader reader = join(store.openObject("spares", "a"))) {
                Blobs.put(store, "spares", "a", filled(200_000, 'B'));
                assertThat(spares("spares")).as("a version a reader holds is not kept").isEmpty();
                for (int i = 0; i < 5; i++) {
                    Blobs.put(store, "spares", "other" + i, filled(200_000, 'C'));
                }
                assertThat(Blobs.read(reader, 0, old.length)).isEqualTo(old);
            }
            // once the reader closed, replaced versions are kept again
            Blobs.put(store, "spares", "a", filled(10, 'D'));
            assertThat(spares("spares")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"NO"})
    void sparesGoAwayAtRestartAndWithTheirBucket(FsyncPolicy fsync) throws IOException {
        try (FilesystemBlobStore store = open(fsync)) {
            join(store.createBucket("spares"));
            Blobs.put(store, "spares", "a", "one");
            Blobs.put(store, "spares", "a", "two");
            assertThat(spares("spares")).hasSize(1);
        }
        try (FilesystemBlobStore store = open(fsync)) {
            assertThat(spares("spares")).as("start-up empties tmp/").isEmpty();
            assertThat(Blobs.getString(store, "spares", "a")).isEqualTo("two");
            Blobs.put(store, "spares", "a", "three");
            assertThat(spares("spares")).hasSize(1);
            join(store.deleteObject("spares", "a"));
            join(store.deleteBucket("spares"));
            join(store.createBucket("spares"));
            Blobs.put(store, "spares", "a", "four");
            assertThat(Blobs.getString(store, "spares", "a")).isEqualTo("four");
        }
    }
}
