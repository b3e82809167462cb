package io.trustgate.translators.s3.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.netty.buffer.ByteBuf;
import io.trustgate.s3.spi.BlobStoreException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Turns a streamed body into staged (uncommitted) blocks of one block blob: chunks are copied into one buffer of at
 * most the block size, which is staged when it is full and more bytes come, so an upload holds at most one block in
 * memory, and a body of at most one block is never staged ({@link #unstaged}). The
 * write stage completes once the bytes are buffered or staged (backpressure). Not thread-safe: the server never
 * calls a writer concurrently.
 */
final class BlockStager {

    private final BlockBlobClient blob;
    private final Executor executor;
    private final String uploadId;
    private final int part;
    private final int blockSize;
    private final long expectedLength;
    private final List<String> blockIds = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    private volatile boolean aborted;

    BlockStager(BlockBlobClient blob, Executor executor, String uploadId, int part, int blockSize,
                long expectedLength) {
        this.blob = blob;
        this.executor = executor;
        this.uploadId = uploadId;
        this.part = part;
        this.blockSize = blockSize;
        this.expectedLength = expectedLength;
    }

    CompletionStage<Void> write(ByteBuf chunk) {
        if (aborted) {
            chunk.release();
            return CompletableFuture.failedFuture(new BlobStoreException("RequestTimeout", 400, "upload aborted"));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                while (chunk.isReadable()) {
                    if (buffer == null) {
                        int size = expectedLength >= 0 && expectedLength < blockSize
                                ? (int) Math.max(expectedLength, 1) : blockSize;
                        buffer = new byte[size];
                    }
                    if (filled == buffer.length) {
                        if (buffer.length < blockSize) {
                            buffer = Arrays.copyOf(buffer, blockSize);
                        } else {
                            stageBuffered();
                        }
                    }
                    int n = Math.min(chunk.readableBytes(), buffer.length - filled);
                    chunk.readBytes(buffer, filled, n);
                    filled += n;
                }
            } catch (RuntimeException e) {
                throw AzureErrors.toS3(e, blob.getContainerName(), blob.getBlobName());
            } finally {
                chunk.release();
            }
        }, executor);
    }

    /**
     * The whole body when it fit in the buffer and nothing was staged (empty when nothing was written), so it can
     * be written in one request; null once a block was staged.
     */
    byte[] unstaged() {
        if (!blockIds.isEmpty()) {
            return null;
        }
        byte[] body = buffer == null ? new byte[0] : filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
        buffer = null;
        filled = 0;
        return body;
    }

    /** Stages what is still buffered; the ids of every staged block in order. Runs on the calling thread. */
    List<String> finish() {
        if (filled > 0) {
            stageBuffered();
        }
        buffer = null;
        return List.copyOf(blockIds);
    }

    void abort() {
        aborted = true;
        buffer = null;
    }

    private void stageBuffered() {
        if (blockIds.size() >= BlockIds.MAX_SUB_BLOCKS) {
            throw new BlobStoreException("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed "
                    + "number of Azure blocks for one part or object.");
        }
        String id = BlockIds.blockId(uploadId, part, blockIds.size());
        blob.stageBlock(id, BinaryData.fromBytes(filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled)));
        blockIds.add(id);
        filled = 0;
    }
}
