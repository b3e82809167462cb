package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Durability for {@link InMemoryKeyspaceEngine}: recovery at open, one log frame per writing unit, and
 * compaction (a new log generation plus a snapshot written in the background).
 *
 * <p>Threading: {@link #commit} runs under the engine lock. Compaction rotates the log under the engine lock,
 * then copies the databases into the snapshot a batch of keys per lock hold. The snapshot is therefore fuzzy
 * (each batch is captured at some moment after the rotation); each batch records how long the new log was at
 * its capture, and replay applies an op of that log to a key only when it came after the key's capture
 * ({@link Replay}), which makes the result exact although delta ops must not apply twice.
 */
final class Persistence implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);
    private static final int SNAPSHOT_BATCH = 512;

    private final DataDirectory dir;
    private final ReentrantLock lock;
    private final Database[] dbs;
    private final long compactAfterBytes;
    private final UnitJournal journal = new UnitJournal();
    private final AtomicBoolean compacting = new AtomicBoolean();
    private final ExecutorService compactor;
    private final MutationLog log;
    private final TurnWrites turnWrites;
    /** Generation of the current log; changed under the engine lock. */
    private long gen;
    /** Set by {@link #stopCompaction}: a snapshot in progress is abandoned at its next batch. */
    private volatile boolean closing;
    /** Run between the batches of a size-triggered snapshot, outside the lock (tests). */
    volatile Runnable betweenBatches = () -> { };

    private Persistence(DataDirectory dir, ReentrantLock lock, Database[] dbs, long compactAfterBytes,
                        MutationLog log, long gen) {
        this.dir = dir;
        this.lock = lock;
        this.dbs = dbs;
        this.compactAfterBytes = compactAfterBytes;
        this.log = log;
        this.turnWrites = new TurnWrites(log);
        this.gen = gen;
        this.compactor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "trustgate-embedded-compact");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Locks {@code path}, loads the newest snapshot, replays the logs after it (truncating a torn tail), drops
     * keys expired at {@code now}, and opens the log for appending. Runs before the engine serves anything.
     */
    static Persistence open(Path path, FsyncPolicy policy, long compactAfterBytes, ReentrantLock lock,
                            Database[] dbs, Records.StampSource stamps, long now) throws IOException {
        DataDirectory dir = DataDirectory.open(path);
        try {
            var snapshots = dir.list("snapshot");
            long base = snapshots.isEmpty() ? 0 : snapshots.lastKey();
            Replay.Windows windows = null;
            if (base > 0) {
                windows = Snapshot.load(snapshots.get(base), dbs, stamps);
            }
            var logs = dir.list("log").tailMap(base, true);
            long gen = Math.max(base, 1);
            long validLength = 0;
            long frames = 0;
            for (Map.Entry<Long, Path> e : logs.entrySet()) {
                long[] replayed = replay(e.getValue(), new Replay(dbs, stamps, e.getKey() == base ? windows : null, null));
                gen = e.getKey();
                validLength = replayed[0];
                frames += replayed[1];
            }
            for (Database db : dbs) {
                db.sweep(now, Integer.MAX_VALUE);
            }
            dir.deleteBefore(base);
            LOG.info("embedded data directory {}: snapshot generation {}, {} log records replayed, fsync {}",
                    path.toAbsolutePath(), base, frames, policy.id());
            MutationLog log = new MutationLog(dir.log(gen), validLength, policy);
            return new Persistence(dir, lock, dbs, compactAfterBytes, log, gen);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** Replays one log file; returns {length of its intact prefix, frames replayed} and truncates the rest. */
    static long[] replay(Path file, Replay replay) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MutationLog.MAGIC.length) {
            return new long[] {0, 0}; // created but its header never made it: an empty log
        }
        if (!Arrays.equals(Arrays.copyOf(bytes, MutationLog.MAGIC.length), MutationLog.MAGIC)) {
            throw new CorruptDataException("log " + file + " has no TGLOG001 header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MutationLog.MAGIC.length);
        long frames = 0;
        ByteBuffer payload;
        long at = in.position();
        while ((payload = Records.nextPayload(in)) != null) {
            replay.apply(payload, at);
            at = in.position();
            frames++;
        }
        if (in.hasRemaining()) {
            LOG.warn("log {}: dropping {} bytes after offset {} (a record torn by a crash, or damage)",
                    file, in.remaining(), in.position());
            try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(in.position());
                ch.force(true);
            }
        }
        return new long[] {in.position(), frames};
    }

    /** The journal a unit records into; begin it under the engine lock when the unit starts. */
    UnitJournal journal() {
        return journal;
    }

    /**
     * Queues the journal's frame (nothing when the unit wrote nothing) and returns the LSN the unit's reply must
     * wait for ({@link #completion}). Call under the engine lock, after the unit's work.
     */
    long commit() throws IOException {
        if (journal.isEmpty()) {
            return log.appended();
        }
        ValueCodec.Out frame = journal.finish();
        long lsn = log.append(frame.array(), frame.size());
        if (log.fileSize() > compactAfterBytes && compacting.compareAndSet(false, true)) {
            compactor.execute(this::compactQuietly);
        }
        return lsn;
    }

    /**
     * The stage of a unit that appended up to {@code lsn} (call outside the engine lock): completes with
     * {@code result} once the log is written that far and, under {@code always}, fsynced. Under {@code always}
     * the group-commit thread writes and fsyncs (the unit makes no system call); under the other policies the
     * write is made once per event-loop turn ({@link TurnWrites}), or at once off an event loop.
     */
    <T> CompletionStage<T> completion(long lsn, T result) throws IOException {
        if (log.policy() != FsyncPolicy.ALWAYS) {
            return turnWrites.afterWrite(lsn, result);
        }
        CompletionStage<Void> durable = log.durable(lsn);
        if (durable == MutationLog.DONE) {
            return CompletableFuture.completedFuture(result);
        }
        return durable.thenApply(ignored -> result);
    }

    CompletionStage<Void> durable(long lsn) {
        return log.durable(lsn);
    }

    private void compactQuietly() {
        try {
            compact(betweenBatches);
        } catch (IOException | RuntimeException e) {
            if (closing) {
                LOG.info("embedded snapshot abandoned: the engine is closing");
            } else {
                LOG.warn("embedded snapshot failed; the log keeps growing until the next attempt", e);
            }
        } finally {
            compacting.set(false);
        }
    }

    /** Starts a new log generation, writes the snapshot of that generation, then deletes older files. */
    void compact() throws IOException {
        compact(() -> { });
    }

    /** {@link #compact()}, running {@code afterEachBatch} between batches, outside the lock (tests interleave writes). */
    void compact(Runnable afterEachBatch) throws IOException {
        long next;
        lock.lock();
        try {
            if (closing) {
                return;
            }
            next = gen + 1;
            log.rotate(dir.log(next));
            gen = next;
        } finally {
            lock.unlock();
        }
        ValueCodec.Out buf = new ValueCodec.Out(1 << 16);
        try (Snapshot.Writer w = new Snapshot.Writer(dir.snapshot(next))) {
            for (int i = 0; i < dbs.length; i++) {
                Key after = null;
                while (true) {
                    if (closing) {
                        throw new IOException("snapshot " + next + " abandoned: the engine is closing");
                    }
                    List<Map.Entry<Key, Entry>> batch;
                    lock.lock();
                    try {
                        // expired keys are copied too: replay needs every key the log may still touch
                        batch = dbs[i].batchAfter(after, SNAPSHOT_BATCH);
                        buf.reset();
                        Records.beginFrame(buf);
                        Records.window(buf, i, log.fileSize(),
                                batch.isEmpty() ? null : batch.get(batch.size() - 1).getKey().bytes);
                        for (Map.Entry<Key, Entry> me : batch) {
                            Entry e = me.getValue();
                            Records.put(buf, i, me.getKey().bytes, e.expireAt(), e.value());
                        }
                        Records.endFrame(buf, 0);
                    } finally {
                        lock.unlock();
                    }
                    w.write(buf.array(), buf.size());
                    afterEachBatch.run();
                    if (batch.isEmpty()) {
                        break;
                    }
                    after = batch.get(batch.size() - 1).getKey();
                }
            }
            // every capture recorded above must stay within the log's durable length: otherwise a crash could
            // cut the log below a capture, and ops appended there after the restart would be skipped as older
            log.syncAll();
            w.commit();
        }
        dir.deleteBefore(next);
        LOG.info("embedded snapshot generation {} written", next);
    }

    /**
     * Stops compaction: a snapshot in progress is abandoned at its next batch (its temporary file is deleted)
     * and this waits until the compactor has stopped. Call without holding the engine lock, which a snapshot in
     * progress takes once per batch; then {@link #close}.
     */
    void stopCompaction() {
        closing = true;
        compactor.shutdown();
        try {
            compactor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the log and the directory; call under the engine lock, after {@link #stopCompaction}. */
    @Override
    public void close() throws IOException {
        closing = true;
        compactor.shutdown();
        try {
            compactor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            log.close();
        } finally {
            dir.close();
        }
    }
}
