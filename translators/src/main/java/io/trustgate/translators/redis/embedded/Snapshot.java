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
 * Snapshot files: the magic {@code TGSNAP01}, then {@link Records} frames of puts, then a frame holding the end
 * marker. A snapshot is written to a {@code .tmp} file, fsynced, renamed into place and the directory fsynced, so
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
            Records.frame(out, java.util.List.of(new Records.Op(Records.END, 0, null, 0, null)));
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

    /** Loads a whole snapshot into {@code dbs}; throws when it is not intact. */
    static void load(Path file, Database[] dbs, Records.StampSource stamps) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.remaining() < MAGIC.length || !Arrays.equals(Arrays.copyOf(in.array(), MAGIC.length), MAGIC)) {
            throw new CorruptDataException("snapshot " + file + " has no TGSNAP01 header");
        }
        in.position(MAGIC.length);
        while (true) {
            ByteBuffer payload = Records.nextPayload(in);
            if (payload == null) {
                throw new CorruptDataException("snapshot " + file + " is damaged at byte " + in.position());
            }
            if (Records.apply(payload, dbs, stamps)) {
                return;
            }
        }
    }
}
