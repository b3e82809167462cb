package io.trustgate.translators.s3.filesystem;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Counts, per stripe of (bucket, key), the object files this process has open for reading. A reader pins its key
 * before it opens the file and unpins after it closed it; the publisher of a new version reads the count after its
 * rename. A reader that got the old inode opened it before the rename, so pinned before it, so the publisher sees a
 * non-zero count: {@link #quiet} true therefore proves that no reader of this process holds the replaced version
 * (and no other process reads the directory: the store's {@code .lock}). Keys sharing a stripe only make
 * {@link #quiet} false more often. Thread-safe, lock-free.
 */
final class ReaderPins {

    private static final int STRIPES = 4096;

    private final AtomicIntegerArray counts = new AtomicIntegerArray(STRIPES);

    /** The stripe of {@code key} in {@code bucket}, to pass to {@link #unpin}. */
    int pin(String bucket, String key) {
        int stripe = stripe(bucket, key);
        counts.incrementAndGet(stripe);
        return stripe;
    }

    void unpin(int stripe) {
        counts.decrementAndGet(stripe);
    }

    /** No reader holds a file of {@code key} open (nor of any key sharing its stripe). */
    boolean quiet(String bucket, String key) {
        return counts.get(stripe(bucket, key)) == 0;
    }

    private static int stripe(String bucket, String key) {
        int h = bucket.hashCode() * 31 + key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
