package io.trustgate.translators.redis.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Snapshot files: the magic {@code TGSNAP01}, then {@link Records} frames, each a capture window followed by the
 * puts of its keys, then a frame holding the end marker. A snapshot is written to a {@code .tmp} file, fsynced, renamed into place and the directory fsynced, so
 * it exists whole or not at all; a snapshot that does not read back whole is corruption, never a torn tail.
 */
final class Snapshot {

    static final byte[] MAGIC = "TGSNAP01".getBytes(StandardCharsets.US_ASCII);

    private Snapshot() {
    }

    /** Streams frames to a temporary file; {@link #commit} publishes it. */
    static final class Writer implements AutoCloseable {

        private final Path target;
        private final Path tmp;
        private final FileChannel ch;
        private boolean committed;

        Writer(Path target) throws IOException {
            this.target = target;
            this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
            this.ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            write(MAGIC, MAGIC.length);
        }

        void write(byte[] buf, int len) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        /** Appends the end marker, fsyncs, renames into place and fsyncs the directory. */
        void commit() throws IOException {
            ValueCodec.Out out = new ValueCodec.Out(32);
            Records.beginFrame(out);
            Records.end(out);
            Records.endFrame(out, 0);
            write(out.array(), out.size());
            ch.force(true);
            ch.close();
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DataDirectory.fsyncDirectory(target.getParent());
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                ch.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Loads a whole snapshot into {@code dbs} and returns its capture windows (empty for a snapshot written before
     * delta records); throws when it is not intact.
     */
    static Replay.Windows load(Path file, Database[] dbs, Records.StampSource stamps) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.remaining() < MAGIC.length || !Arrays.equals(Arrays.copyOf(in.array(), MAGIC.length), MAGIC)) {
            throw new CorruptDataException("snapshot " + file + " has no TGSNAP01 header");
        }
        in.position(MAGIC.length);
        Replay.Windows windows = new Replay.Windows();
        Replay replay = new Replay(dbs, stamps, null, windows);
        while (true) {
            ByteBuffer payload = Records.nextPayload(in);
            if (payload == null) {
                throw new CorruptDataException("snapshot " + file + " is damaged at byte " + in.position());
            }
            if (replay.apply(payload, 0)) {
                return windows;
            }
        }
    }
}
