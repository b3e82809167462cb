package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.models.BlockBlobItem;
import io.netty.buffer.ByteBuf;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.PutObjectRequest;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A PutObject: the body staged as blocks under a fresh upload id, committed in one Put Block List that also sets
 * the content headers and metadata (S3 ETag = the body's MD5, checksums) and checks the write conditions. Nothing
 * is visible before the commit; an aborted upload leaves only uncommitted blocks, which Azure discards at the
 * blob's next commit or after 7 days.
 */
final class AzureObjectWriter implements BlobWriter<ObjectInfo> {

    private final AzureBlobStore store;
    private final PutObjectRequest request;
    private final BlockStager stager;

    AzureObjectWriter(AzureBlobStore store, PutObjectRequest request) {
        this.store = store;
        this.request = request;
        this.stager = new BlockStager(store.container(request.bucket()).getBlobClient(request.key())
                .getBlockBlobClient(), store.calls().executor(), BlockIds.newUploadId(), 0, store.blockSize(),
                request.contentLength());
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        return stager.write(chunk);
    }

    @Override
    public CompletionStage<ObjectInfo> commit(BodyDigest digest) {
        return store.calls().run(request.bucket(), request.key(), () -> {
            List<String> ids = stager.finish();
            byte[] md5 = HexFormat.of().parseHex(digest.md5Hex());
            BlockBlobItem item = ConditionalCommit.commit(store, request.bucket(), request.key(), ids,
                    BlobMetadata.headers(request.properties(), md5),
                    BlobMetadata.toAzure(request.properties(), digest.md5Hex(), digest.checksums(), List.of()),
                    request.conditions());
            Instant modified = item.getLastModified() == null ? Instant.now() : item.getLastModified().toInstant();
            return new ObjectInfo(request.key(), digest.size(), digest.md5Hex(), modified, request.properties(),
                    digest.checksums(), 0);
        });
    }

    @Override
    public void abort() {
        stager.abort();
    }
}
