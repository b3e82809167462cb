package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.BlobAsyncClient;
import com.azure.storage.blob.models.BlobDownloadAsyncResponse;
import com.azure.storage.blob.models.BlobDownloadHeaders;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DownloadRetryOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.ObjectInfo;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;

/**
 * One version of a blob, pinned by its Azure ETag. Reads from a position stream the whole rest of the blob in one
 * Get Blob request with {@code If-Match} on that ETag: Azure serves every read from a consistent snapshot, so a
 * blob replaced after the request began is still read to its end as the version it started with, as on S3. The
 * body is pulled through a {@link DownloadQueue} (bounded, backpressured). A read at another position cancels the
 * stream and starts a new one; if the blob was replaced in between, that request fails with 412 instead of mixing
 * versions. The SDK resumes a stream cut by the network with the same {@code If-Match}.
 *
 * <p>For a GET, {@link #openStreaming} takes the version from the response of the Get Blob that also streams its
 * first bytes: there is no moment between reading the attributes and starting the body in which a replacement
 * could make the version unreadable (with a separate Get Blob Properties first, the pinned Get Blob would fail with
 * 412 although nothing was sent yet, where S3 serves the new object).
 */
final class AzureBlobReader implements BlobReader {

    private static final int RETRIES = 3;
    /** How many times an open that moves its first read (see openAt) starts again after the blob was replaced. */
    static final int SUFFIX_ATTEMPTS = 3;

    private final BlobAsyncClient blob;
    private final ObjectInfo info;
    private final String azureEtag;
    private final List<Long> partSizes;
    private final AzureCalls calls;
    private DownloadQueue stream;
    private ByteBuffer current;
    private long streamPosition = -1;
    private long streamEnd;

    AzureBlobReader(BlobAsyncClient blob, ObjectInfo info, String azureEtag, List<Long> partSizes,
                    AzureCalls calls) {
        this.blob = blob;
        this.info = info;
        this.azureEtag = azureEtag;
        this.partSizes = partSizes;
        this.calls = calls;
    }

    /**
     * Opens {@code blob} for a GET with one Get Blob of {@code [first, first + count)} ({@code count} null: to the
     * end), its version taken from the response, under the Azure {@code conditions} (null: none; when they fail,
     * Azure answers 304 or 412 without a body, thrown as {@link BlobStorageException}). Null when Azure cannot serve
     * that range (416: it starts at or past the end); the caller then opens by the blob's properties and lets the
     * server answer the range. Blocks until the response head arrives: the store's executor only.
     */
    static AzureBlobReader openStreaming(BlobAsyncClient blob, String key, long first, Long count,
                                         BlobRequestConditions conditions, AzureCalls calls) {
        BlobDownloadAsyncResponse response;
        try {
            response = blob.downloadStreamWithResponse(new BlobRange(first, count),
                    new DownloadRetryOptions().setMaxRetryRequests(RETRIES), conditions, false).block();
        } catch (BlobStorageException e) {
            if (BlobErrorCode.INVALID_RANGE.equals(e.getErrorCode()) || e.getStatusCode() == 416) {
                return null;
            }
            throw e;
        }
        DownloadQueue queue = new DownloadQueue();
        response.getValue().subscribe(queue);
        try {
            BlobDownloadHeaders h = response.getDeserializedHeaders();
            long size = totalSize(h);
            Map<String, String> metadata = h.getMetadata();
            // a ranged Get Blob answers with the range's Content-MD5 (if asked) and the blob's in its own header
            byte[] md5 = h.getContentRange() == null ? h.getContentMd5() : h.getBlobContentMD5();
            ObjectInfo info = new ObjectInfo(key, size, BlobMetadata.s3Etag(metadata, md5, h.getETag()),
                    h.getLastModified() == null ? Instant.EPOCH : h.getLastModified().toInstant(),
                    BlobMetadata.properties(h.getContentType(), h.getContentEncoding(), h.getContentDisposition(),
                            h.getContentLanguage(), h.getCacheControl(), metadata),
                    BlobMetadata.checksums(metadata), BlobMetadata.partsCount(metadata));
            AzureBlobReader reader = new AzureBlobReader(blob, info, h.getETag(), BlobMetadata.partSizes(metadata),
                    calls);
            reader.stream = queue;
            reader.streamPosition = first;
            reader.streamEnd = first + (h.getContentLength() == null ? size - first : h.getContentLength());
            return reader;
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /**
     * Opens {@code blob} for a GET of its last {@code length} bytes ({@code Range: bytes=-length}), which Azure's
     * Get Blob cannot ask for without the size. The first Get Blob asks for {@code [0, length)}: when the blob is no
     * longer than that, it is the whole answer; otherwise the read moves to {@code size - length} as in
     * {@link #openAt}. Null as for {@link #openStreaming}.
     */
    static AzureBlobReader openSuffix(BlobAsyncClient blob, String key, long length, BlobRequestConditions conditions,
                                      AzureCalls calls) {
        return openAt(blob, key, length, r -> r.info.size() <= length ? -1 : r.info.size() - length, conditions,
                calls);
    }

    /**
     * Opens {@code blob} for a GET of part {@code partNumber} ({@code ?partNumber=N}, N > 1), whose place is in the
     * blob's metadata: the first Get Blob (from 0) names the part sizes, and the read moves to the part's first
     * byte as in {@link #openAt}. A blob without such parts stays at 0 (the server answers from its attributes).
     */
    static AzureBlobReader openPart(BlobAsyncClient blob, String key, int partNumber, BlobRequestConditions conditions,
                                    AzureCalls calls) {
        return openAt(blob, key, null, r -> {
            List<Long> sizes = r.partSizes;
            if (r.info.partsCount() <= 1 || sizes.size() != r.info.partsCount() || partNumber > sizes.size()) {
                return -1;
            }
            long first = 0;
            for (int i = 0; i < partNumber - 1; i++) {
                first += sizes.get(i);
            }
            return first < r.info.size() ? first : -1;
        }, conditions, calls);
    }

    /**
     * {@link #openStreaming} from 0 (for {@code count} bytes, null: to the end), then, when {@code start} names
     * another position for the first read (-1: none), a second Get Blob pinned by If-Match to the version the first
     * response named, started there still inside the open, before the server has decided anything: if the blob
     * was replaced in between (412), the open starts again on the new version, up to {@link #SUFFIX_ATTEMPTS}
     * times (then the 412 is the answer). Before, that Get Blob came at the first read, after the headers were
     * decided, and a replacement in between failed the GET.
     */
    private static AzureBlobReader openAt(BlobAsyncClient blob, String key, Long count,
                                          ToLongFunction<AzureBlobReader> start, BlobRequestConditions conditions,
                                          AzureCalls calls) {
        for (int attempt = 1; ; attempt++) {
            AzureBlobReader reader = openStreaming(blob, key, 0, count, conditions, calls);
            long first = reader == null ? -1 : start.applyAsLong(reader);
            if (first <= 0) {
                return reader;
            }
            reader.closeStream();
            BlobDownloadAsyncResponse response;
            try {
                response = blob.downloadStreamWithResponse(new BlobRange(first, reader.info.size() - first),
                        new DownloadRetryOptions().setMaxRetryRequests(RETRIES),
                        new BlobRequestConditions().setIfMatch(reader.azureEtag), false).block();
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 412 && attempt < SUFFIX_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            DownloadQueue queue = new DownloadQueue();
            response.getValue().subscribe(queue);
            reader.stream = queue;
            reader.streamPosition = first;
            reader.streamEnd = reader.info.size();
            return reader;
        }
    }

    /** The blob's size: the total of {@code Content-Range} for a ranged answer, else the body's length. */
    static long totalSize(BlobDownloadHeaders h) {
        String range = h.getContentRange();
        if (range != null) {
            int slash = range.lastIndexOf('/');
            if (slash >= 0 && slash < range.length() - 1 && range.charAt(slash + 1) != '*') {
                return Long.parseLong(range.substring(slash + 1).trim());
            }
        }
        if (h.getContentLength() == null) {
            throw new BlobStoreException("InternalError", 500, "Azure answered a Get Blob without its length");
        }
        return h.getContentLength();
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
            if (stream == null || streamPosition != position || position >= streamEnd) {
                open(position);
            }
            // close() may come from another thread meanwhile: it ends this queue, which then yields no more
            DownloadQueue from = stream;
            int want = (int) Math.min(maxLength, streamEnd - position);
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
        streamEnd = info.size();
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
