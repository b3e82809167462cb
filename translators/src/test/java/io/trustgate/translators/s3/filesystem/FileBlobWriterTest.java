package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.trustgate.s3.spi.BodyDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-behind queue of {@link FileBlobWriter}: a body arriving in many odd-sized pieces reaches the file intact
 * in a few aligned gathering writes (not one write per piece), the caller is held back beyond
 * {@link FileBlobWriter#MAX_QUEUED_BYTES}, and an abort releases every queued piece, also one split at a unit.
 */
class FileBlobWriterTest {

    @TempDir
    Path dir;

    private final IoExecutor io = new IoExecutor(2);

    @AfterEach
    void close() {
        io.close();
    }

    /** What the publisher saw: the body bytes on disk and how many writes put them there. */
    private record Published(byte[] body, int writes) {
    }

    private FileBlobWriter<Published> writer(StagingFile[] created) {
        return writer(io, created);
    }

    private FileBlobWriter<Published> writer(IoExecutor io, StagingFile[] created) {
        return new FileBlobWriter<>(io, () -> created[0] = StagingFile.create(dir),
                (staged, digest) -> {
                    Published p = new Published(Files.readAllBytes(staged.path()), staged.writes());
                    staged.discard();
                    return p;
                });
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static ByteBuf direct(byte[] body, int from, int to) {
        ByteBuf b = Unpooled.directBuffer(to - from);
        b.writeBytes(body, from, to - from);
        return b;
    }

    private static <T> T join(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aBodyInOddPiecesIsWrittenIntactInAFewAlignedUnits() throws Exception {
        byte[] body = random(4 * FileBlobWriter.WRITE_UNIT + 12_345);
        int piece = 65_536 - 517; // like the content of socket reads after a request's headers
        StagingFile[] created = new StagingFile[1];
        FileBlobWriter<Published> writer = writer(created);
        List<ByteBuf> sent = new ArrayList<>();
        for (int from = 0; from < body.length; from += piece) {
            ByteBuf b = direct(body, from, Math.min(body.length, from + piece));
            sent.add(b);
            join(writer.write(b)); // honours the backpressure, as the S3 server does
        }
        Published p = join(writer.commit(new BodyDigest(body.length, null, List.of())));

        assertThat(p.body()).isEqualTo(body);
        assertThat(sent.size()).isEqualTo(17);
        assertThat(p.writes()).as("one write per whole unit, and the rest at the commit; not one per piece")
                .isBetween(1, 5);
        assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void aSmallBodyAndEmptyPiecesAreWrittenByTheCommitAlone() throws Exception {
        byte[] body = random(10_000);
        StagingFile[] created = new StagingFile[1];
        FileBlobWriter<Published> writer = writer(created);
        ByteBuf empty = Unpooled.directBuffer(0);
        join(writer.write(direct(body, 0, 4_000)));
        join(writer.write(empty));
        join(writer.write(direct(body, 4_000, 10_000)));

        Published p = join(writer.commit(new BodyDigest(body.length, null, List.of())));

        assertThat(p.body()).isEqualTo(body);
        assertThat(p.writes()).isEqualTo(1);
        assertThat(empty.refCnt()).isZero();
    }

    @Test
    void aWriterHoldsTheCallerBackBeyondItsQueueBound() throws Exception {
        byte[] body = random(FileBlobWriter.MAX_QUEUED_BYTES + 150_000);
        int piece = 100_000;
        try (IoExecutor one = new IoExecutor(1)) {
            CountDownLatch stall = new CountDownLatch(1);
            one.run(() -> {
                try {
                    stall.await(); // the only IO thread is busy: nothing queued gets written meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }, null);
            StagingFile[] created = new StagingFile[1];
            FileBlobWriter<Published> writer = writer(one, created);
            CompletableFuture<Void> last = null;
            int from = 0;
            for (; from < body.length; from += piece) {
                last = writer.write(direct(body, from, Math.min(body.length, from + piece))).toCompletableFuture();
                if (!last.isDone()) {
                    from += piece;
                    break;
                }
            }
            assertThat(last).as("the write that took the queue past " + FileBlobWriter.MAX_QUEUED_BYTES
                    + " bytes waits").isNotDone();
            assertThat(from).isGreaterThan(FileBlobWriter.MAX_QUEUED_BYTES);

            stall.countDown();
            join(last);
            for (; from < body.length; from += piece) {
                join(writer.write(direct(body, from, Math.min(body.length, from + piece))));
            }
            Published p = join(writer.commit(new BodyDigest(body.length, null, List.of())));

            assertThat(p.body()).isEqualTo(body);
        }
    }

    @Test
    void abortReleasesEveryQueuedPieceAndDeletesTheFile() throws Exception {
        byte[] body = random(FileBlobWriter.WRITE_UNIT + 70_000);
        StagingFile[] created = new StagingFile[1];
        FileBlobWriter<Published> writer = writer(created);
        List<ByteBuf> sent = new ArrayList<>();
        int piece = 90_000; // the third piece spans the first unit boundary: its tail stays queued
        for (int from = 0; from < body.length; from += piece) {
            ByteBuf b = direct(body, from, Math.min(body.length, from + piece));
            sent.add(b);
            join(writer.write(b));
        }
        Blobs.eventually(() -> assertThat(created[0]).as("the first unit's drain created the file").isNotNull());

        writer.abort();

        Blobs.eventually(() -> {
            assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).isZero());
            assertThat(tmpFiles()).isEmpty();
        });
    }

    private List<Path> tmpFiles() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
