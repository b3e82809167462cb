package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * UploadPartCopy on the upstream: the same S3 call, so the bytes never pass through the gateway. The source's
 * ETag goes as {@code x-amz-copy-source-if-match} (the server evaluated the client's conditions against it), the
 * range as {@code x-amz-copy-source-range} (none for an empty source, which has no byte to name).
 */
final class PassthroughPartCopy {

    private PassthroughPartCopy() {
    }

    static CompletionStage<PartInfo> copy(S3AsyncClient s3, BackendErrors errors, UploadPartCopyRequest request) {
        var req = software.amazon.awssdk.services.s3.model.UploadPartCopyRequest.builder()
                .sourceBucket(request.sourceBucket()).sourceKey(request.sourceKey())
                .destinationBucket(request.bucket()).destinationKey(request.key())
                .uploadId(request.uploadId()).partNumber(request.partNumber())
                .copySourceIfMatch(request.sourceEtag() == null ? null : Conversions.quote(request.sourceEtag()))
                .copySourceRange(request.length() == 0 ? null : "bytes=" + request.offset() + "-"
                        + (request.offset() + request.length() - 1));
        try {
            return s3.uploadPartCopy(req.build())
                    .thenApply(r -> new PartInfo(request.partNumber(), Conversions.bare(r.copyPartResult().eTag()),
                            request.length(), Conversions.time(r.copyPartResult().lastModified()), List.of()))
                    .exceptionallyCompose(e -> CompletableFuture.failedFuture(errors.map(e)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
    }
}
