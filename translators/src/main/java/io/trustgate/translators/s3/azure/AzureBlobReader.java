package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.specialized.BlobInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.ObjectInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One version of a blob, pinned by its Azure ETag: reads go through a {@link BlobInputStream} opened at the read
 * position with {@code If-Match}, which downloads one block-size range at a time (so memory stays bounded), and
 * fails with 412 rather than mix versions when the blob is replaced mid-read. A read at another position reopens
 * the stream.
 */
final class AzureBlobReader implements BlobReader {

    private final BlobClient blob;
    private final ObjectInfo info;
    private final String azureEtag;
    private final List<Long> partSizes;
    private final AzureCalls calls;
    private final int blockSize;
    private BlobInputStream stream;
    private long streamPosition = -1;

    AzureBlobReader(BlobClient blob, ObjectInfo info, String azureEtag, List<Long> partSizes, AzureCalls calls,
                    int blockSize) {
        this.blob = blob;
        this.info = info;
        this.azureEtag = azureEtag;
        this.partSizes = partSizes;
        this.calls = calls;
        this.blockSize = blockSize;
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
            try {
                if (stream == null || streamPosition != position) {
                    closeStream();
                    stream = blob.openInputStream(new BlobInputStreamOptions()
                            .setRange(new BlobRange(position))
                            .setBlockSize(blockSize)
                            .setRequestConditions(new BlobRequestConditions().setIfMatch(azureEtag)));
                    streamPosition = position;
                }
                int want = (int) Math.min(maxLength, info.size() - position);
                byte[] bytes = new byte[want];
                int n = stream.read(bytes, 0, want);
                if (n <= 0) {
                    throw new BlobStoreException("InternalError", 500, "The Azure blob ended early at byte "
                            + position + " of " + info.size());
                }
                streamPosition += n;
                ByteBuf out = allocator.buffer(n);
                out.writeBytes(bytes, 0, n);
                return out;
            } catch (IOException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        closeStream();
    }

    private synchronized void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (RuntimeException ignored) {
                // nothing to release beyond the buffered block
            }
            stream = null;
        }
    }
}
