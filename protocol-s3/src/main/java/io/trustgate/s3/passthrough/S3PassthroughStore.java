package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.BucketInfo;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.LoopLocalObjects;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectSummary;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PartListing;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.ReadHints;
import io.trustgate.s3.spi.UploadListing;
import io.trustgate.s3.spi.UploadPartCopyRequest;
import io.trustgate.s3.spi.UploadPartRequest;
import io.netty.channel.Channel;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The S3 passthrough backend: every SPI call becomes the same S3 operation on the upstream endpoint, signed with
 * the backend's credentials. Bodies stream through {@link UpstreamReader} / {@link UpstreamWriter}; copies run on
 * the upstream ({@code CopyObject}); upstream S3 errors reach the client with their code, message and status
 * ({@link BackendErrors}). Multipart calls are in {@link PassthroughMultipart}.
 *
 * <p>Threading: nothing here blocks; stages complete on the HTTP client's event loops.
 */
public final class S3PassthroughStore implements BlobStore, LoopLocalObjects {

    private final S3PassthroughSettings settings;
    private final S3AsyncClient s3;
    private final BackendErrors errors;
    private final PassthroughMultipart multipart;
    /** GET, HEAD, PUT and UploadPart on the client connection's event loop (http and https endpoints). */
    private final LoopObjects loop;
    /** Buckets seen to exist lately: the check before an upload's 100 Continue. */
    private final KnownBuckets knownBuckets = new KnownBuckets(this::headBucket);

    /** Where uploads of unknown length are spooled before they go upstream with their length. */
    private final Path spool;

    private S3PassthroughStore(S3PassthroughSettings settings, S3AsyncClient s3, TrustManagerFactory trust,
                               Path spool) {
        this.settings = settings;
        this.s3 = s3;
        this.spool = spool;
        this.errors = new BackendErrors(settings);
        this.multipart = new PassthroughMultipart(s3, errors, spool);
        this.loop = LoopObjects.supports(settings) ? new LoopObjects(settings, errors, trust) : null;
    }

    /**
     * Opens the upstream client (no connection is made until the first call). Both upstream paths trust the same
     * roots: the settings' certificates, or the JVM's default trust when there are none. Uploads of unknown length
     * are spooled under {@code java.io.tmpdir}.
     */
    public static S3PassthroughStore open(S3PassthroughSettings settings) {
        return open(settings, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #open(S3PassthroughSettings)}, spooling uploads of unknown length to {@code spool} (tests). */
    static S3PassthroughStore open(S3PassthroughSettings settings, Path spool) {
        TrustManagerFactory trust = UpstreamTrust.of(settings.name(), settings.trustedCertificates());
        return new S3PassthroughStore(settings, UpstreamClient.build(settings, trust), trust, spool);
    }

    @Override
    public String kind() {
        return "s3 passthrough";
    }

    @Override
    public BlobCapabilities capabilities() {
        return PassthroughCapabilities.DECLARATION;
    }

    /** What every S3 passthrough declares, without opening one (for {@code trustgate capabilities}). */
    public static BlobCapabilities declaration() {
        return PassthroughCapabilities.DECLARATION;
    }

    /** The settings this store was opened with. */
    public S3PassthroughSettings settings() {
        return settings;
    }

    // ---- buckets ----

    @Override
    public CompletionStage<List<BucketInfo>> listBuckets() {
        return call(() -> s3.listBuckets(b -> { }).thenApply(r -> r.buckets().stream()
                .map(b -> new BucketInfo(b.name(), Conversions.time(b.creationDate())))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList()));
    }

    @Override
    public CompletionStage<BucketInfo> createBucket(String bucket) {
        return call(() -> s3.createBucket(b -> {
            b.bucket(bucket);
            if (!settings.region().equals("us-east-1")) {
                b.createBucketConfiguration(c -> c.locationConstraint(
                        BucketLocationConstraint.fromValue(settings.region())));
            }
        }).thenApply(r -> new BucketInfo(bucket, Instant.now())));
    }

    @Override
    public CompletionStage<Void> deleteBucket(String bucket) {
        return call(() -> s3.deleteBucket(b -> b.bucket(bucket)).thenApply(r -> {
            knownBuckets.forget(bucket);
            return null;
        }));
    }

    @Override
    public CompletionStage<BucketInfo> headBucket(String bucket) {
        return call(() -> s3.headBucket(b -> b.bucket(bucket)).thenApply(r -> new BucketInfo(bucket, Instant.EPOCH)))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        noSuchBucketOn404(BlobStoreException.from(e), bucket)));
    }

    @Override
    public CompletionStage<String> bucketLocation(String bucket) {
        return call(() -> s3.getBucketLocation(b -> b.bucket(bucket)).thenApply(r -> {
            String c = r.locationConstraintAsString();
            return c == null || c.equals("us-east-1") ? "" : c;
        }));
    }

    // ---- listing ----

    @Override
    public CompletionStage<ObjectListing> listObjects(ListObjectsRequest q) {
        return call(() -> s3.listObjects(b -> b.bucket(q.bucket())
                .prefix(q.prefix().isEmpty() ? null : q.prefix())
                .delimiter(q.delimiter())
                .marker(q.marker().isEmpty() ? null : q.marker())
                .maxKeys(q.maxKeys())
                .encodingType(EncodingType.URL)).thenApply(r -> {
                    List<ObjectSummary> objects = r.contents().stream()
                            .map(o -> new ObjectSummary(o.key(), o.size() == null ? 0 : o.size(),
                                    Conversions.bare(o.eTag()), Conversions.time(o.lastModified())))
                            .toList();
                    List<String> prefixes = r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
                    boolean truncated = Boolean.TRUE.equals(r.isTruncated());
                    String next = null;
                    if (truncated) {
                        next = r.nextMarker() != null ? r.nextMarker() : lastOf(objects, prefixes);
                    }
                    return new ObjectListing(objects, prefixes, truncated, next);
                }));
    }

    /** The later (by UTF-8 bytes) of the last key and the last common prefix of a page. */
    static String lastOf(List<ObjectSummary> objects, List<String> prefixes) {
        String key = objects.isEmpty() ? null : objects.get(objects.size() - 1).key();
        String prefix = prefixes.isEmpty() ? null : prefixes.get(prefixes.size() - 1);
        if (key == null) {
            return prefix;
        }
        if (prefix == null) {
            return key;
        }
        return Arrays.compareUnsigned(key.getBytes(StandardCharsets.UTF_8),
                prefix.getBytes(StandardCharsets.UTF_8)) >= 0 ? key : prefix;
    }

    // ---- objects ----

    @Override
    public CompletionStage<ObjectInfo> headObject(String bucket, String key) {
        return call(() -> s3.headObject(b -> b.bucket(bucket).key(key)
                        .overrideConfiguration(o -> o.putHeader("x-amz-checksum-mode", "ENABLED")))
                .thenApply(r -> Conversions.info(key, r)));
    }

    @Override
    public CompletionStage<BlobReader> openObject(String bucket, String key) {
        // The whole object is requested; the body is pulled only as the server reads (UpstreamReader). The
        // checksum mode travels as a raw header so that the upstream returns stored checksums without the SDK
        // validating them on the way (the client does).
        CompletableFuture<ResponsePublisher<GetObjectResponse>> get = s3.getObject(
                GetObjectRequest.builder().bucket(bucket).key(key)
                        .overrideConfiguration(o -> o.putHeader("x-amz-checksum-mode", "ENABLED")).build(),
                AsyncResponseTransformer.toPublisher());
        return mapped(get).thenApply(publisher -> {
            ObjectInfo info = Conversions.info(key, publisher.response());
            String ifMatch = Conversions.quote(info.etag());
            return new UpstreamReader(info, publisher, position -> s3.getObject(GetObjectRequest.builder()
                    .bucket(bucket).key(key).range("bytes=" + position + "-").ifMatch(ifMatch).build(),
                    AsyncResponseTransformer.toPublisher()), errors);
        });
    }

    @Override
    public CompletionStage<BlobReader> openObject(String bucket, String key, boolean headOnly, Channel client) {
        return openObject(bucket, key, headOnly, ReadHints.NONE, client);
    }

    @Override
    public CompletionStage<BlobReader> openObject(String bucket, String key, boolean headOnly, ReadHints hints,
                                                  Channel client) {
        return loop == null ? null : loop.openObject(bucket, key, headOnly, hints, client);
    }

    @Override
    public CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest request, Channel client) {
        // A part of an upload created with a checksum algorithm but sent without a checksum header: the SDK path
        // computes that checksum upstream (CompleteMultipartUpload names the part checksums).
        if (loop == null || request.checksumValue() == null && multipart.algorithm(request.uploadId()) != null) {
            return null;
        }
        return loop.uploadPart(request, client);
    }

    /**
     * A HeadBucket upstream before the server says {@code 100 Continue}, when the bucket was not seen lately
     * ({@link KnownBuckets}): upstreams such as S3Proxy say 100 before they look at the bucket, so without it a
     * client that waits for 100 would send its whole body to learn that the bucket does not exist.
     */
    @Override
    public CompletionStage<Void> checkBeforeContinue(String bucket) {
        return knownBuckets.check(bucket);
    }

    @Override
    public CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request, Channel client) {
        return loop == null ? null : loop.putObject(request, client);
    }

    /**
     * The SDK path: the body streamed upstream as it arrives ({@link UpstreamWriter}), or, without a length known in
     * advance (S3 refuses an upload without {@code Content-Length}), spooled to a file and sent with its length at
     * commit ({@link SpooledUpload}).
     */
    @Override
    public CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request) {
        var req = software.amazon.awssdk.services.s3.model.PutObjectRequest.builder()
                .bucket(request.bucket()).key(request.key())
                .ifMatch(Conversions.ifMatch(request.conditions()))
                .ifNoneMatch(Conversions.ifNoneMatch(request.conditions()));
        Conversions.apply(request.properties(), new Conversions.PropertySetters(req::contentType,
                req::contentEncoding, req::contentDisposition, req::contentLanguage, req::cacheControl,
                req::metadata));
        req.overrideConfiguration(o -> Conversions.expires(request.properties(), o));
        Conversions.ChecksumSetters checksum = new Conversions.ChecksumSetters(req::checksumCRC32,
                req::checksumCRC32C, req::checksumCRC64NVME, req::checksumSHA1, req::checksumSHA256);
        Conversions.requestChecksum(request.checksumAlgorithm(), request.checksumValue(), checksum);
        BiFunction<PutObjectResponse, BodyDigest, ObjectInfo> made = (r, digest) ->
                new ObjectInfo(request.key(), digest.size(), Conversions.bare(r.eTag()), Instant.now(),
                        request.properties(), digest.checksums(), 0, Conversions.encryption(
                        r.serverSideEncryptionAsString(), r.ssekmsKeyId(), r.bucketKeyEnabled(), null, null));
        if (request.contentLength() < 0) {
            return SpooledUpload.open(spool, (file, digest) -> {
                if (request.checksumValue() == null) {
                    // A checksum that came in a trailer: verified by now, it goes as a header.
                    Conversions.requestChecksum(request.checksumAlgorithm(),
                            Conversions.value(digest.checksums(), request.checksumAlgorithm()), checksum);
                }
                return s3.putObject(req.contentLength(file.contentLength().orElseThrow()).build(), file);
            }, made, errors);
        }
        StreamedBody body = new StreamedBody(request.contentLength());
        req.contentLength(request.contentLength());
        CompletableFuture<PutObjectResponse> response;
        try {
            response = s3.putObject(req.build(), body);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
        return CompletableFuture.completedFuture(new UpstreamWriter<>(body, response, made, errors));
    }

    @Override
    public CompletionStage<Void> deleteObject(String bucket, String key) {
        return deleteObject(bucket, key, DeleteCondition.NONE);
    }

    /** The condition goes upstream as {@code If-Match}: the upstream checks it (or refuses it) atomically. */
    @Override
    public CompletionStage<Void> deleteObject(String bucket, String key, DeleteCondition condition) {
        String ifMatch = Conversions.ifMatch(condition);
        return call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key).ifMatch(ifMatch)).thenApply(r -> null));
    }

    @Override
    public CompletionStage<List<BlobStoreException>> deleteObjects(String bucket, List<String> keys) {
        return deleteObjects(bucket, keys, java.util.Collections.nCopies(keys.size(), DeleteCondition.NONE));
    }

    /** Each condition goes upstream as its object's {@code <ETag>}; the upstream reports a failed one per key. */
    @Override
    public CompletionStage<List<BlobStoreException>> deleteObjects(String bucket, List<String> keys,
                                                                   List<DeleteCondition> conditions) {
        List<ObjectIdentifier> ids = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            ids.add(ObjectIdentifier.builder().key(keys.get(i)).eTag(Conversions.ifMatch(conditions.get(i)))
                    .build());
        }
        return call(() -> s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true)
                .build())).thenApply(r -> {
                    Map<String, S3Error> failed = new HashMap<>();
                    for (S3Error e : r.errors()) {
                        failed.putIfAbsent(e.key(), e);
                    }
                    List<BlobStoreException> out = new ArrayList<>(keys.size());
                    for (String key : keys) {
                        S3Error e = failed.get(key);
                        out.add(e == null ? null : new BlobStoreException(e.code(), 500,
                                e.message() == null ? e.code() : e.message()));
                    }
                    return out;
                }));
    }

    @Override
    public CompletionStage<ObjectInfo> copyObject(CopyObjectRequest request) {
        var req = software.amazon.awssdk.services.s3.model.CopyObjectRequest.builder()
                .sourceBucket(request.sourceBucket()).sourceKey(request.sourceKey())
                .destinationBucket(request.bucket()).destinationKey(request.key())
                .copySourceIfMatch(request.sourceEtag() == null ? null : Conversions.quote(request.sourceEtag()))
                .ifMatch(Conversions.ifMatch(request.conditions()))
                .ifNoneMatch(Conversions.ifNoneMatch(request.conditions()))
                // The server resolved COPY vs REPLACE into these properties; REPLACE states them exactly.
                .metadataDirective(MetadataDirective.REPLACE);
        Conversions.apply(request.properties(), new Conversions.PropertySetters(req::contentType,
                req::contentEncoding, req::contentDisposition, req::contentLanguage, req::cacheControl,
                req::metadata));
        req.overrideConfiguration(o -> Conversions.expires(request.properties(), o));
        return call(() -> s3.copyObject(req.build()).thenCompose(r ->
                // The copy answer has the ETag and time only; the rest (size, checksums) from the new object.
                s3.headObject(b -> b.bucket(request.bucket()).key(request.key())
                                .overrideConfiguration(o -> o.putHeader("x-amz-checksum-mode", "ENABLED")))
                        .thenApply(h -> {
                            ObjectInfo head = Conversions.info(request.key(), h);
                            String etag = Conversions.bare(r.copyObjectResult().eTag());
                            Instant modified = Conversions.time(r.copyObjectResult().lastModified());
                            return new ObjectInfo(request.key(), head.size(), etag, modified, head.properties(),
                                    head.checksums(), head.partsCount(), head.encryption());
                        })));
    }

    // ---- multipart ----

    @Override
    public CompletionStage<MultipartUpload> createMultipartUpload(CreateMultipartRequest request) {
        return multipart.create(request);
    }

    @Override
    public CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest request) {
        return multipart.uploadPart(request);
    }

    @Override
    public CompletionStage<PartInfo> uploadPartCopy(UploadPartCopyRequest request) {
        return PassthroughPartCopy.copy(s3, errors, request);
    }

    @Override
    public CompletionStage<ObjectInfo> completeMultipartUpload(CompleteMultipartRequest request) {
        return multipart.complete(request);
    }

    @Override
    public CompletionStage<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
        return multipart.abort(bucket, key, uploadId);
    }

    @Override
    public CompletionStage<PartListing> listParts(String bucket, String key, String uploadId, int partNumberMarker,
                                                  int maxParts) {
        return multipart.listParts(bucket, key, uploadId, partNumberMarker, maxParts);
    }

    @Override
    public CompletionStage<UploadListing> listMultipartUploads(ListUploadsRequest request) {
        return multipart.listUploads(request);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
        s3.close();
    }

    // ---- helpers ----

    private <T> CompletionStage<T> call(Supplier<CompletableFuture<T>> upstream) {
        try {
            return mapped(upstream.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
    }

    private <T> CompletableFuture<T> mapped(CompletableFuture<T> f) {
        return f.exceptionallyCompose(e -> CompletableFuture.failedFuture(errors.map(e)));
    }

    private static BlobStoreException noSuchBucketOn404(BlobStoreException e, String bucket) {
        return e.httpStatus() == 404 && !e.code().equals("NoSuchBucket") ? BlobStoreException.noSuchBucket(bucket) : e;
    }
}
