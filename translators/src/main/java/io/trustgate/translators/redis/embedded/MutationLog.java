package io.trustgate.translators.redis.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only log of mutation frames ({@link Records}), with the fsync policy and group commit.
 *
 * <p>{@link #append} is called under the engine lock, so frames are queued in commit order; it only copies them
 * into a buffer. {@link #write} writes to the OS everything queued so far (one {@code write(2)} covers the frames
 * of many units, like Redis's AOF buffer written once per event-loop turn), never under the engine lock: under
 * {@link FsyncPolicy#ALWAYS} the syncer thread calls it before each fsync, under the other policies
 * {@link TurnWrites} calls it once per event-loop turn before the turn's replies. Positions are log sequence
 * numbers (LSNs): bytes appended since this object was created, across
 * {@link #rotate rotations}. {@link #durable} returns a stage that completes once everything up to an LSN
 * is on stable storage: under {@link FsyncPolicy#ALWAYS} one syncer thread writes and fsyncs whatever has been
 * appended since its last fsync and completes all waiters covered by it (group commit); under the other policies
 * the stage is already complete. An I/O failure is sticky: later appends and waits fail with it.
 */
final class MutationLog implements AutoCloseable {

    static final byte[] MAGIC = "TGLOG001".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(MutationLog.class);
    /** What {@link #durable} returns when nothing needs to be waited for. */
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private record Waiter(long lsn, CompletableFuture<Void> future) {
    }

    private final FsyncPolicy policy;
    private final Object monitor = new Object();
    /** Held while fsyncing or swapping the channel, so a rotation never closes a file mid-fsync. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Thread syncer;
    /** Held while writing queued frames to the OS; rotation and close take it too. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Frames appended and not yet written; guarded by pendingMonitor, swapped with spare under writeLock. */
    private final Object pendingMonitor = new Object();
    private ValueCodec.Out pending = new ValueCodec.Out(1 << 16);
    private ValueCodec.Out spare = new ValueCodec.Out(1 << 16);
    /** LSN of everything appended; guarded by pendingMonitor. */
    private long appended;
    /** LSN of everything written to the OS; changed under writeLock. */
    private volatile long written;
    private volatile FileChannel channel;
    private long fileSize;
    /** Guarded by monitor. */
    private long synced;
    private IOException failure;
    private boolean closed;

    /** Opens {@code file} for appending at {@code validLength} (creating it with its header when absent). */
    MutationLog(Path file, long validLength, FsyncPolicy policy) throws IOException {
        this.policy = policy;
        this.channel = openAt(file, validLength);
        this.fileSize = channel.size();
        if (policy == FsyncPolicy.NO) {
            syncer = null;
        } else {
            syncer = new Thread(policy == FsyncPolicy.ALWAYS ? this::groupCommitLoop : this::everySecondLoop,
                    "trustgate-embedded-fsync");
            syncer.setDaemon(true);
            syncer.start();
        }
    }

    private static FileChannel openAt(Path file, long validLength) throws IOException {
        boolean fresh = !Files.exists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (fresh || validLength < MAGIC.length) {
            ch.truncate(0);
            writeFully(ch, ByteBuffer.wrap(MAGIC));
            ch.force(true);
            DataDirectory.fsyncDirectory(file.getParent());
        } else {
            ch.truncate(validLength);
            ch.position(validLength);
        }
        return ch;
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /**
     * Queues {@code len} bytes of {@code buf} (copied); returns the LSN after them, to pass to {@link #write}.
     * Call under the engine lock.
     */
    long append(byte[] buf, int len) throws IOException {
        synchronized (monitor) {
            if (failure != null) {
                throw failure;
            }
        }
        fileSize += len;
        synchronized (pendingMonitor) {
            pending.raw(buf, 0, len);
            appended += len;
            return appended;
        }
    }

    /** LSN of everything appended so far. */
    long appended() {
        synchronized (pendingMonitor) {
            return appended;
        }
    }

    /**
     * Makes sure everything up to {@code lsn} has been written to the OS (a crash of this process can no longer
     * lose it), writing whatever is queued. Call outside the engine lock, before replying.
     */
    void write(long lsn) throws IOException {
        if (written >= lsn) {
            return;
        }
        writeLock.lock();
        try {
            if (written >= lsn) {
                return;
            }
            synchronized (monitor) {
                if (failure != null) {
                    throw failure;
                }
            }
            ValueCodec.Out batch;
            long upTo;
            synchronized (pendingMonitor) {
                batch = pending;
                pending = spare;
                spare = batch;
                upTo = appended;
            }
            try {
                writeFully(channel, ByteBuffer.wrap(batch.array(), 0, batch.size()));
            } catch (IOException e) {
                fail(e);
                throw e;
            } finally {
                batch.reset();
            }
            written = upTo;
        } finally {
            writeLock.unlock();
        }
    }

    /** LSN of everything written to the OS so far. */
    long writtenUpTo() {
        return written;
    }

    FsyncPolicy policy() {
        return policy;
    }

    /** Size of the current file, header included; read under the engine lock. */
    long fileSize() {
        return fileSize;
    }

    /** Completes when every byte up to {@code lsn} is durable under this policy. */
    CompletionStage<Void> durable(long lsn) {
        synchronized (monitor) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (policy != FsyncPolicy.ALWAYS || lsn <= synced) {
                return DONE;
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.add(new Waiter(lsn, f));
            monitor.notifyAll();
            return f;
        }
    }

    /** Makes the current file durable and continues in {@code next}; call under the engine lock. */
    void rotate(Path next) throws IOException {
        writeLock.lock();
        syncLock.lock();
        try {
            write(appended());
            FileChannel old = channel;
            old.force(false);
            markSynced(written);
            channel = openAt(next, 0);
            fileSize = channel.size();
            old.close();
        } catch (IOException e) {
            fail(e);
            throw e;
        } finally {
            syncLock.unlock();
            writeLock.unlock();
        }
    }

    private void groupCommitLoop() {
        while (true) {
            long target;
            synchronized (monitor) {
                while (!closed && failure == null && waiters.isEmpty()) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed || failure != null) {
                    return;
                }
            }
            try {
                write(appended()); // the units leave their frames to this thread
            } catch (IOException e) {
                return; // sticky: fail() recorded it and failed the waiters
            }
            target = written;
            syncTo(target);
        }
    }

    private void everySecondLoop() {
        while (true) {
            synchronized (monitor) {
                try {
                    monitor.wait(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (closed || failure != null) {
                    return;
                }
            }
            try {
                write(appended()); // frames of units that failed before writing their own
            } catch (IOException e) {
                return; // sticky: fail() recorded it
            }
            long target = written;
            if (target > syncedLsn()) {
                syncTo(target);
            }
        }
    }

    private long syncedLsn() {
        synchronized (monitor) {
            return synced;
        }
    }

    /** Writes and fsyncs everything appended so far, whatever the policy. */
    void syncAll() throws IOException {
        write(appended());
        long target = written;
        syncTo(target);
        synchronized (monitor) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void syncTo(long target) {
        syncLock.lock();
        try {
            channel.force(false);
            markSynced(target);
        } catch (IOException e) {
            fail(e);
        } finally {
            syncLock.unlock();
        }
    }

    private void markSynced(long target) {
        List<Waiter> done = new ArrayList<>();
        synchronized (monitor) {
            synced = Math.max(synced, target);
            // waiters arrive roughly, not strictly, in LSN order: they register after the engine lock is released
            waiters.removeIf(w -> {
                if (w.lsn() <= synced) {
                    done.add(w);
                    return true;
                }
                return false;
            });
        }
        done.forEach(w -> w.future().complete(null));
    }

    private void fail(IOException e) {
        List<Waiter> failed;
        synchronized (monitor) {
            if (failure == null) {
                LOG.error("embedded mutation log failed; writes are refused from now on", e);
                failure = e;
            }
            failed = new ArrayList<>(waiters);
            waiters.clear();
            monitor.notifyAll();
        }
        failed.forEach(w -> w.future().completeExceptionally(e));
    }

    /** fsyncs (whatever the policy), completes the waiters, stops the syncer and closes the file. */
    @Override
    public void close() throws IOException {
        writeLock.lock();
        syncLock.lock();
        try {
            if (channel.isOpen()) {
                write(appended());
                channel.force(false);
                markSynced(written);
                channel.close();
            }
        } finally {
            syncLock.unlock();
            writeLock.unlock();
            synchronized (monitor) {
                closed = true;
                monitor.notifyAll();
            }
        }
        if (syncer != null) {
            try {
                syncer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
