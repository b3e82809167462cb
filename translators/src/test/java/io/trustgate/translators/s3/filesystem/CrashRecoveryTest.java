package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.Unpooled;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a crash (or a client vanishing) leaves behind is invisible and swept; one process per directory. */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void anUploadCutOffMidBodyIsInvisibleAndSweptAtStartUp() throws IOException {
        FilesystemBlobStore store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir));
        join(store.createBucket("crash"));
        Blobs.put(store, "crash", "key", "old");
        BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest("crash", "key", 1 << 20,
                ObjectProperties.EMPTY, WriteConditions.NONE)));
        join(w.write(Unpooled.copiedBuffer(new byte[300_000])));
        // the process dies here: no commit, no abort
        assertThat(Blobs.getString(store, "crash", "key")).isEqualTo("old");
        assertThat(dir.resolve("crash/tmp").toFile().list()).hasSize(1);
        store.close();

        try (FilesystemBlobStore reopened = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir))) {
            assertThat(dir.resolve("crash/tmp").toFile().list()).isEmpty();
            assertThat(Blobs.getString(reopened, "crash", "key")).isEqualTo("old");
        }
    }

    @Test
    void leftoversOfInterruptedBucketAndUploadOperationsAreSwept() throws IOException {
        try (FilesystemBlobStore store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir))) {
            join(store.createBucket("crash"));
            var upload = join(store.createMultipartUpload(new CreateMultipartRequest("crash", "k",
                    ObjectProperties.EMPTY, null, null)));
            assertThat(upload.uploadId()).isNotEmpty();
        }
        Files.createDirectories(dir.resolve(".staging-1234/objects"));
        Files.createDirectories(dir.resolve(".trash-5678/objects/oa"));
        Files.createDirectories(dir.resolve("crash/tmp/0123.gone"));
        Files.writeString(dir.resolve("crash/tmp/0123.gone/part-00001"), "x");
        Files.writeString(dir.resolve("crash/tmp/abc.tmp"), "half");
        try (FilesystemBlobStore store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir))) {
            assertThat(dir.resolve(".staging-1234")).doesNotExist();
            assertThat(dir.resolve(".trash-5678")).doesNotExist();
            assertThat(dir.resolve("crash/tmp").toFile().list()).isEmpty();
            assertThat(join(store.listBuckets())).singleElement().satisfies(b -> assertThat(b.name())
                    .isEqualTo("crash"));
            assertThat(dir.resolve("crash/uploads").toFile().list()).as("open uploads survive restarts").hasSize(1);
        }
    }

    @Test
    void aDamagedObjectFileIsAnErrorNeverData() throws IOException {
        try (FilesystemBlobStore store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir))) {
            join(store.createBucket("crash"));
            Blobs.put(store, "crash", "torn", "some bytes that will lose their footer");
            Path file = dir.resolve("crash/objects/otorn");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(raf.length() - 3);
            }
            assertThat(errorCode(store.headObject("crash", "torn"))).isEqualTo("InternalError");
            assertThat(errorCode(store.openObject("crash", "torn"))).isEqualTo("InternalError");
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedInProcess() throws IOException {
        try (FilesystemBlobStore store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir))) {
            assertThat(store.kind()).isEqualTo("filesystem");
            assertThatThrownBy(() -> FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir)))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use by another trustgate process");
        }
        FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir)).close();
    }

    @Test
    void aSecondProcessOnTheSameDirectoryIsRefused() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("LOCKED"));
            assertThat(line).as("the other process opened the store").isEqualTo("LOCKED");
            assertThatThrownBy(() -> FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir)))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use by another trustgate process");
        } finally {
            holder.getOutputStream().close(); // the holder exits when its stdin closes
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir)).close();
    }

    /** Opens a store in its own JVM, says so, and holds it until stdin closes. */
    public static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (FilesystemBlobStore store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(Path.of(args[0])))) {
                System.out.println("LOCKED");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our stdin
                }
                if (store.kind().isEmpty()) {
                    throw new BlobStoreException("InternalError", 500, "unreachable");
                }
            }
        }
    }
}
