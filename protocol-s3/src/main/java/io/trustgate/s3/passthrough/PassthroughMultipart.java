package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PartListing;
import io.trustgate.s3.spi.UploadListing;
import io.trustgate.s3.spi.UploadPartRequest;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Multipart uploads on the upstream: each SPI call is the same S3 call. When an upload was created with a
 * checksum algorithm, the SDK computes that checksum over each part as it streams (sent as a trailer) unless the
 * client sent one, and CompleteMultipartUpload names the part checksums the client named, so the upstream checks
 * them and stores the COMPOSITE or FULL_OBJECT value.
 * The algorithm is remembered per upload id for the life of this process; a part uploaded after a restart carries
 * no checksum upstream.
 */
final class PassthroughMultipart {

    private final S3AsyncClient s3;
    private final BackendErrors errors;
    private final Map<String, ChecksumAlgorithm> algorithms = new ConcurrentHashMap<>();
    /** Where parts of unknown length are spooled ({@link SpooledUpload}). */
    private final Path spool;

    PassthroughMultipart(S3AsyncClient s3, BackendErrors errors, Path spool) {
        this.s3 = s3;
        this.errors = errors;
        this.spool = spool;
    }

    CompletionStage<MultipartUpload> create(CreateMultipartRequest request) {
        var req = CreateMultipartUploadRequest.builder().bucket(request.bucket()).key(request.key());
        ChecksumAlgorithm algorithm = request.checksumAlgorithm() == null ? null
                : ChecksumAlgorithm.fromValue(request.checksumAlgorithm());
        if (algorithm != null) {
            req.checksumAlgorithm(algorithm);
            if (request.checksumType() != null) {
                req.checksumType(request.checksumType().name());
            }
        }
        Conversions.apply(request.properties(), new Conversions.PropertySetters(req::contentType,
                req::contentEncoding, req::contentDisposition, req::contentLanguage, req::cacheControl,
                req::metadata));
        req.overrideConfiguration(o -> Conversions.expires(request.properties(), o));
        return call(() -> s3.createMultipartUpload(req.build()).thenApply(r -> {
            if (algorithm != null) {
                algorithms.put(r.uploadId(), algorithm);
            }
            return new MultipartUpload(request.key(), r.uploadId(), Instant.now(), request.checksumAlgorithm(),
                    request.checksumType());
        }));
    }

    /** The checksum algorithm the upload was created with here, null when none (or created before a restart). */
    ChecksumAlgorithm algorithm(String uploadId) {
        return uploadId == null ? null : algorithms.get(uploadId);
    }

    /**
     * A part streamed upstream as it arrives, or (of unknown length: S3 needs a {@code Content-Length}) spooled to a
     * file first and sent with its length at commit.
     */
    CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest request) {
        var req = software.amazon.awssdk.services.s3.model.UploadPartRequest.builder()
                .bucket(request.bucket()).key(request.key()).uploadId(request.uploadId())
                .partNumber(request.partNumber());
        // A part checksum the client sent as a header goes on as that header; otherwise the SDK computes the
        // upload's algorithm, if it has one.
        ChecksumAlgorithm algorithm = algorithms.get(request.uploadId());
        Conversions.ChecksumSetters checksum = new Conversions.ChecksumSetters(req::checksumCRC32,
                req::checksumCRC32C, req::checksumCRC64NVME, req::checksumSHA1, req::checksumSHA256);
        boolean header = Conversions.requestChecksum(request.checksumAlgorithm(), request.checksumValue(), checksum);
        BiFunction<UploadPartResponse, BodyDigest, PartInfo> made = (r, digest) -> {
            List<Checksum> upstream = Conversions.checksums(r.checksumCRC32(), r.checksumCRC32C(),
                    r.checksumCRC64NVME(), r.checksumSHA1(), r.checksumSHA256(), "FULL_OBJECT");
            return new PartInfo(request.partNumber(), Conversions.bare(r.eTag()), digest.size(), Instant.now(),
                    upstream.isEmpty() ? digest.checksums() : upstream);
        };
        if (request.contentLength() < 0) {
            return SpooledUpload.open(spool, (file, digest) -> {
                // A checksum that came in a trailer is verified by now and goes as a header; else the SDK computes
                // the upload's algorithm over the file.
                String name = request.checksumAlgorithm() != null ? request.checksumAlgorithm()
                        : algorithm == null ? null : algorithm.toString();
                if (!header && !Conversions.requestChecksum(name, Conversions.value(digest.checksums(), name),
                        checksum) && algorithm != null) {
                    req.checksumAlgorithm(algorithm);
                }
                return s3.uploadPart(req.contentLength(file.contentLength().orElseThrow()).build(), file);
            }, made, errors);
        }
        if (!header && algorithm != null) {
            req.checksumAlgorithm(algorithm);
        }
        StreamedBody body = new StreamedBody(request.contentLength());
        req.contentLength(request.contentLength());
        CompletableFuture<UploadPartResponse> response;
        try {
            response = s3.uploadPart(req.build(), body);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
        return CompletableFuture.completedFuture(new UpstreamWriter<>(body, response, made, errors));
    }

    CompletionStage<ObjectInfo> complete(CompleteMultipartRequest request) {
        // The part checksums go on as the client named them: the upstream checks them against the parts it stored
        // (missing, wrong or of another algorithm: its answer, as AWS gives it, is the client's).
        List<CompletedPart> parts = request.parts().stream().map(p -> CompletedPart.builder()
                .partNumber(p.partNumber()).eTag(Conversions.quote(p.etag()))
                .checksumCRC32(p.checksum("CRC32")).checksumCRC32C(p.checksum("CRC32C"))
                .checksumCRC64NVME(p.checksum("CRC64NVME")).checksumSHA1(p.checksum("SHA1"))
                .checksumSHA256(p.checksum("SHA256")).build()).toList();
        var req = software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest.builder()
                .bucket(request.bucket()).key(request.key()).uploadId(request.uploadId())
                .multipartUpload(m -> m.parts(parts))
                .ifMatch(Conversions.ifMatch(request.conditions()))
                .ifNoneMatch(Conversions.ifNoneMatch(request.conditions()));
        for (Checksum c : request.expectedChecksums()) {
            switch (c.algorithm()) {
                case "CRC32" -> req.checksumCRC32(c.value());
                case "CRC32C" -> req.checksumCRC32C(c.value());
                case "CRC64NVME" -> req.checksumCRC64NVME(c.value());
                case "SHA1" -> req.checksumSHA1(c.value());
                case "SHA256" -> req.checksumSHA256(c.value());
                default -> {
                }
            }
        }
        return call(() -> s3.completeMultipartUpload(req.build()).thenApply(r -> {
            algorithms.remove(request.uploadId());
            List<Checksum> checksums = Conversions.checksums(r.checksumCRC32(), r.checksumCRC32C(),
                    r.checksumCRC64NVME(), r.checksumSHA1(), r.checksumSHA256(), r.checksumTypeAsString());
            String etag = Conversions.bare(r.eTag());
            return new ObjectInfo(request.key(), 0, etag, Instant.now(), null, checksums,
                    Conversions.partsCount(etag));
        }));
    }

    CompletionStage<Void> abort(String bucket, String key, String uploadId) {
        return call(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)).thenApply(r -> {
            algorithms.remove(uploadId);
            return null;
        }));
    }

    CompletionStage<PartListing> listParts(String bucket, String key, String uploadId, int marker, int maxParts) {
        return call(() -> s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .partNumberMarker(marker).maxParts(maxParts)).thenApply(r -> {
                    String type = r.checksumTypeAsString();
                    List<PartInfo> parts = r.parts().stream().map(p -> new PartInfo(p.partNumber(),
                            Conversions.bare(p.eTag()), p.size() == null ? 0 : p.size(),
                            Conversions.time(p.lastModified()), Conversions.checksums(p.checksumCRC32(),
                            p.checksumCRC32C(), p.checksumCRC64NVME(), p.checksumSHA1(), p.checksumSHA256(),
                            "FULL_OBJECT"))).toList();
                    String algorithm = r.checksumAlgorithmAsString();
                    ChecksumType checksumType = type == null ? null
                            : type.equalsIgnoreCase("COMPOSITE") ? ChecksumType.COMPOSITE
                            : type.equalsIgnoreCase("FULL_OBJECT") ? ChecksumType.FULL_OBJECT : null;
                    MultipartUpload upload = new MultipartUpload(key, uploadId, Instant.EPOCH,
                            algorithm == null || algorithm.isEmpty() ? null : algorithm, checksumType);
                    boolean truncated = Boolean.TRUE.equals(r.isTruncated());
                    return new PartListing(upload, parts, truncated,
                            truncated && r.nextPartNumberMarker() != null ? r.nextPartNumberMarker() : 0);
                }));
    }

    CompletionStage<UploadListing> listUploads(ListUploadsRequest q) {
        return call(() -> s3.listMultipartUploads(b -> b.bucket(q.bucket())
                .prefix(q.prefix().isEmpty() ? null : q.prefix())
                .delimiter(q.delimiter())
                .keyMarker(q.keyMarker().isEmpty() ? null : q.keyMarker())
                .uploadIdMarker(q.uploadIdMarker().isEmpty() ? null : q.uploadIdMarker())
                .maxUploads(q.maxUploads())
                .encodingType(EncodingType.URL)).thenApply(r -> {
                    List<MultipartUpload> uploads = r.uploads().stream().map(u -> {
                        String algorithm = u.checksumAlgorithmAsString();
                        String type = u.checksumTypeAsString();
                        return new MultipartUpload(u.key(), u.uploadId(), Conversions.time(u.initiated()),
                                algorithm == null || algorithm.isEmpty() ? null : algorithm,
                                type == null || type.isEmpty() ? null : ChecksumType.valueOf(type));
                    }).toList();
                    List<String> prefixes = r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
                    boolean truncated = Boolean.TRUE.equals(r.isTruncated());
                    return new UploadListing(uploads, prefixes, truncated,
                            truncated ? r.nextKeyMarker() : null, truncated ? r.nextUploadIdMarker() : null);
                }));
    }

    private <T> CompletionStage<T> call(Supplier<CompletableFuture<T>> upstream) {
        try {
            return upstream.get().exceptionallyCompose(e -> CompletableFuture.failedFuture(errors.map(e)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
    }

}
