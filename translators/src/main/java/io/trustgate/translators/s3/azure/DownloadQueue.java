package io.trustgate.translators.s3.azure;

import io.trustgate.s3.spi.BlobStoreException;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A blocking, bounded view of one streamed download: at most {@value #PREFETCH} buffers are requested ahead of the
 * reader, and more only as it takes them, so a slow S3 client stops the reading from Azure instead of filling
 * memory (reactor-netty stops reading the socket while nothing is requested). {@link #take} blocks the calling
 * thread (the store's executor, never an event loop); {@link #close} cancels the download from any thread and wakes
 * a blocked {@code take}.
 */
final class DownloadQueue extends BaseSubscriber<ByteBuffer> {

    static final int PREFETCH = 16;
    private static final long MAX_WAIT_SECONDS = 300;
    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private int taken;

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(PREFETCH);
    }

    @Override
    protected void hookOnNext(ByteBuffer buffer) {
        queue.add(buffer);
    }

    @Override
    protected void hookOnComplete() {
        queue.add(END);
    }

    @Override
    protected void hookOnError(Throwable error) {
        queue.add(error);
    }

    /** The next buffer, or null at the end of the download; a failed download throws its error. */
    ByteBuffer take() {
        Object next;
        try {
            next = queue.poll(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlobStoreException("InternalError", 500, "Interrupted while reading from Azure");
        }
        if (next == null) {
            close();
            throw new BlobStoreException("InternalError", 500, "Azure sent no data for " + MAX_WAIT_SECONDS
                    + " seconds");
        }
        if (next == END) {
            queue.add(END);
            return null;
        }
        if (next instanceof RuntimeException e) {
            queue.add(e);
            throw e;
        }
        if (next instanceof Throwable t) {
            queue.add(t);
            throw new BlobStoreException("InternalError", 500, "The Azure download failed: " + t);
        }
        if (++taken == PREFETCH / 2) {
            taken = 0;
            request(PREFETCH / 2);
        }
        return (ByteBuffer) next;
    }

    /** Cancels the download; idempotent. */
    void close() {
        dispose();
        queue.add(END);
    }
}
