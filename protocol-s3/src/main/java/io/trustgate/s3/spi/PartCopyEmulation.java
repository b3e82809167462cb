package io.trustgate.s3.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The default {@link BlobStore#uploadPartCopy}: opens the source as a GET of the range (pinning its version; see
 * {@link BlobStore#openObject(String, String, boolean, ReadHints)}), checks its ETag, then
 * pumps the range through {@link BlobStore#uploadPart}'s writer. Correct on any backend with multipart, at the
 * cost of reading and writing every byte through the gateway.
 */
final class PartCopyEmulation {

    private PartCopyEmulation() {
    }

    static CompletionStage<PartInfo> copy(BlobStore store, UploadPartCopyRequest request) {
        String range = request.length() <= 0 ? null
                : "bytes=" + request.offset() + "-" + (request.offset() + request.length() - 1);
        return store.openObject(request.sourceBucket(), request.sourceKey(), false,
                new ReadHints(range, null, null, null, null)).thenCompose(reader -> {
            if (request.sourceEtag() != null && !ETags.bare(request.sourceEtag()).equals(reader.info().etag())) {
                reader.close();
                return CompletableFuture.failedFuture(BlobStoreException.preconditionFailed());
            }
            return store.uploadPart(new UploadPartRequest(request.bucket(), request.key(), request.uploadId(),
                            request.partNumber(), request.length()))
                    .whenComplete((writer, error) -> {
                        if (error != null) {
                            reader.close();
                        }
                    })
                    .thenCompose(writer -> BlobPump.copy(reader, request.offset(), request.length(), writer));
        });
    }
}
