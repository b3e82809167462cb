package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.netty.buffer.ByteBuf;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.PutObjectRequest;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A PutObject. A body of at most one block (the buffer {@link BlockStager} holds anyway) is written at commit in
 * one Put Blob with its content headers, metadata (S3 ETag = the body's MD5, checksums) and write conditions. A
 * larger body is staged as blocks of a staging blob of its own ({@link AzureMultipart#staging}), committed there
 * and copied onto the key in one Copy Blob ({@link ConditionalCommit#commitStaged}); the staging blob is then
 * deleted. The key's blob itself never holds uncommitted blocks, so concurrent PUTs of one key all succeed, the
 * last one to commit winning, as on S3. Nothing is visible before the commit; an aborted upload leaves only
 * uncommitted blocks of its staging blob, which Azure discards after 7 days.
 */
final class AzureObjectWriter implements BlobWriter<ObjectInfo> {

    private final AzureBlobStore store;
    private final PutObjectRequest request;
    private final BlockBlobClient staging;
    private final BlockStager stager;

    AzureObjectWriter(AzureBlobStore store, PutObjectRequest request, BlockBlobClient staging) {
        this.store = store;
        this.request = request;
        this.staging = staging;
        this.stager = new BlockStager(staging, store.calls().executor(), BlockIds.newUploadId(), 0,
                store.blockSize(), request.contentLength());
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        return stager.write(chunk);
    }

    @Override
    public CompletionStage<ObjectInfo> commit(BodyDigest digest) {
        return store.calls().run(request.bucket(), request.key(), () -> {
            byte[] md5 = HexFormat.of().parseHex(digest.md5Hex());
            BlobHttpHeaders headers = BlobMetadata.headers(request.properties(), md5);
            Map<String, String> metadata = BlobMetadata.toAzure(request.properties(), digest.md5Hex(),
                    digest.checksums(), List.of());
            byte[] whole = stager.unstaged();
            ConditionalCommit.Written written;
            if (whole != null) {
                written = ConditionalCommit.put(store, request.bucket(), request.key(), whole, headers, metadata,
                        request.conditions());
            } else {
                try {
                    written = ConditionalCommit.commitStaged(store, staging, request.bucket(), request.key(),
                            stager.finish(), headers, metadata, request.conditions());
                } finally {
                    deleteStaging();
                }
            }
            return new ObjectInfo(request.key(), digest.size(), digest.md5Hex(), written.lastModified(),
                    request.properties(), digest.checksums(), 0);
        });
    }

    @Override
    public void abort() {
        stager.abort();
    }

    private void deleteStaging() {
        try {
            staging.deleteIfExists();
        } catch (RuntimeException leftOver) {
            // an undeleted staging blob is invisible to S3 clients; the object's outcome is what counts
        }
    }
}
