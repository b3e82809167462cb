package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.BlobAsyncClient;
import com.azure.storage.blob.models.BlobDownloadAsyncResponse;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.DownloadRetryOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.ObjectInfo;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One version of a blob, pinned by its Azure ETag. Reads from a position stream the whole rest of the blob in one
 * Get Blob request with {@code If-Match} on that ETag: Azure serves every read from a consistent snapshot, so a
 * blob replaced after the request began is still read to its end as the version it started with, as on S3. The
 * body is pulled through a {@link DownloadQueue} (bounded, backpressured). A read at another position cancels the
 * stream and starts a new one; if the blob was replaced in between, that request fails with 412 instead of mixing
 * versions. The SDK resumes a stream cut by the network with the same {@code If-Match}.
 */
final class AzureBlobReader implements BlobReader {

    private static final int RETRIES = 3;

    private final BlobAsyncClient blob;
    private final ObjectInfo info;
    private final String azureEtag;
    private final List<Long> partSizes;
    private final AzureCalls calls;
    private DownloadQueue stream;
    private ByteBuffer current;
    private long streamPosition = -1;

    AzureBlobReader(BlobAsyncClient blob, ObjectInfo info, String azureEtag, List<Long> partSizes,
                    AzureCalls calls) {
        this.blob = blob;
        this.info = info;
        this.azureEtag = azureEtag;
        this.partSizes = partSizes;
        this.calls = calls;
    }

    @Override
    public ObjectInfo info() {
        return info;
    }

    @Override
    public List<Long> partSizes() {
        return partSizes;
    }

    @Override
    public CompletionStage<ByteBuf> read(long position, int maxLength, ByteBufAllocator allocator) {
        return calls.run(blob.getContainerName(), blob.getBlobName(), () -> {
            if (position >= info.size()) {
                return allocator.buffer(0);
            }
            if (stream == null || streamPosition != position) {
                open(position);
            }
            // close() may come from another thread meanwhile: it ends this queue, which then yields no more
            DownloadQueue from = stream;
            int want = (int) Math.min(maxLength, info.size() - position);
            ByteBuf out = allocator.buffer(want);
            try {
                while (out.writerIndex() < want) {
                    if (current == null || !current.hasRemaining()) {
                        current = from.take();
                        if (current == null) {
                            break;
                        }
                    }
                    int n = Math.min(current.remaining(), want - out.writerIndex());
                    ByteBuffer slice = current.slice();
                    slice.limit(n);
                    out.writeBytes(slice);
                    current.position(current.position() + n);
                }
                if (out.writerIndex() == 0) {
                    throw new BlobStoreException("InternalError", 500, "The Azure blob ended early at byte "
                            + position + " of " + info.size());
                }
                streamPosition += out.writerIndex();
                return out;
            } catch (RuntimeException e) {
                out.release();
                closeStream();
                throw e;
            }
        });
    }

    private void open(long position) {
        closeStream();
        DownloadQueue queue = new DownloadQueue();
        blob.downloadStreamWithResponse(new BlobRange(position, info.size() - position),
                        new DownloadRetryOptions().setMaxRetryRequests(RETRIES),
                        new BlobRequestConditions().setIfMatch(azureEtag), false)
                .flatMapMany(BlobDownloadAsyncResponse::getValue)
                .subscribe(queue);
        synchronized (this) {
            stream = queue;
        }
        streamPosition = position;
    }

    @Override
    public void close() {
        closeStream();
    }

    private synchronized void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
        current = null;
    }
}
