package io.trustgate.translators.s3.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import io.netty.buffer.ByteBuf;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CompletedPart;
import io.trustgate.s3.spi.CompletedParts;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PartListing;
import io.trustgate.s3.spi.UploadPartRequest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Multipart uploads on staged blocks. Each part is staged as one or more blocks of the upload's own staging blob
 * ({@link #staging}), with ids {@code <attempt id>-<part>-<sub-block>} ({@link BlockIds}); Complete commits the
 * blocks of the listed parts in part order there and copies the result onto the destination
 * ({@link ConditionalCommit#commitStaged}). Azure keeps no per-part ETag, size or checksum, and no list of open uploads, so the backend keeps
 * small records in the {@value AzureBlobStore#UPLOADS_CONTAINER} container: {@code <bucket>/<upload id>} (key,
 * initiation, checksum choice, and the object's future headers and metadata) and
 * {@code <bucket>/<upload id>/<part>} (the part's attempt id, block count, MD5, size and checksums). Blocking:
 * every method runs on the store's executor.
 */
final class AzureMultipart {

    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final String KEY = "tg_key";
    private static final String INITIATED = "tg_initiated";
    private static final String ALGORITHM = "tg_algorithm";
    private static final String CHECKSUM_TYPE = "tg_checksumtype";
    private static final String ATTEMPT = "tg_attempt";
    private static final String BLOCKS = "tg_blocks";
    private static final String SIZE = "tg_size";
    /** Name prefix of staging blobs; {@code _} starts no bucket name, so no upload record has it. */
    static final String STAGING = "_staging/";

    private final AzureBlobStore store;
    private final BlobContainerClient records;
    private volatile boolean recordsReady;

    AzureMultipart(AzureBlobStore store, BlobContainerClient records) {
        this.store = store;
        this.records = records;
    }

    MultipartUpload create(CreateMultipartRequest request) {
        store.container(request.bucket()).getProperties();
        ensureRecords();
        String uploadId = BlockIds.newUploadId();
        Instant now = Instant.now();
        Map<String, String> meta = BlobMetadata.toAzure(request.properties(), "", List.of(), List.of());
        meta.remove(BlobMetadata.ETAG);
        meta.put(KEY, "~" + URLEncoder.encode(request.key(), StandardCharsets.UTF_8));
        meta.put(INITIATED, Long.toString(now.toEpochMilli()));
        if (request.checksumAlgorithm() != null) {
            meta.put(ALGORITHM, request.checksumAlgorithm());
            meta.put(CHECKSUM_TYPE, request.checksumType() == null ? ChecksumType.COMPOSITE.name()
                    : request.checksumType().name());
        }
        records.getBlobClient(request.bucket() + "/" + uploadId).getBlockBlobClient().uploadWithResponse(
                new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
                        .setHeaders(BlobMetadata.headers(request.properties(), null)).setMetadata(meta),
                null, Context.NONE);
        return new MultipartUpload(request.key(), uploadId, now, request.checksumAlgorithm(),
                request.checksumAlgorithm() == null ? null : request.checksumType());
    }

    BlobWriter<PartInfo> partWriter(UploadPartRequest request) {
        upload(request.bucket(), request.key(), request.uploadId());
        String attempt = BlockIds.newUploadId();
        BlockStager stager = new BlockStager(staging(request.bucket(), request.uploadId()),
                store.calls().executor(), attempt, request.partNumber(), store.blockSize(), request.contentLength());
        return new BlobWriter<>() {
            @Override
            public CompletionStage<Void> write(ByteBuf chunk) {
                return stager.write(chunk);
            }

            @Override
            public CompletionStage<PartInfo> commit(BodyDigest digest) {
                return store.calls().run(request.bucket(), request.key(), () -> {
                    List<String> ids = stager.finish();
                    Map<String, String> meta = BlobMetadata.toAzure(ObjectProperties.EMPTY, digest.md5Hex(),
                            digest.checksums(), List.of());
                    meta.put(ATTEMPT, attempt);
                    meta.put(BLOCKS, Integer.toString(ids.size()));
                    meta.put(SIZE, Long.toString(digest.size()));
                    BlockBlobItem item = records.getBlobClient(partName(request.bucket(), request.uploadId(),
                                    request.partNumber())).getBlockBlobClient().uploadWithResponse(
                            new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0])).setMetadata(meta),
                            null, Context.NONE).getValue();
                    return new PartInfo(request.partNumber(), digest.md5Hex(), digest.size(),
                            item.getLastModified().toInstant(), digest.checksums());
                });
            }

            @Override
            public void abort() {
                stager.abort();
            }
        };
    }

    /**
     * Commits the listed parts' blocks as the object. The object's metadata records the upload id and the part
     * list's fingerprint ({@link BlobMetadata#UPLOAD_ID}, {@link BlobMetadata#UPLOAD_PARTS}), so that a Complete
     * repeated after this one succeeded (its records are gone by then), even after a restart, is answered from the
     * object as long as it is the key's current version.
     */
    ObjectInfo complete(CompleteMultipartRequest request) {
        BlobProperties record;
        try {
            record = upload(request.bucket(), request.key(), request.uploadId());
        } catch (BlobStoreException e) {
            ObjectInfo earlier = "NoSuchUpload".equals(e.code()) ? completedBefore(request) : null;
            if (earlier == null) {
                throw e;
            }
            return earlier;
        }
        Map<String, String> rmeta = record.getMetadata();
        String algorithm = BlobMetadata.get(rmeta, ALGORITHM);
        ChecksumType checksumType = algorithm == null ? null
                : ChecksumType.valueOf(BlobMetadata.get(rmeta, CHECKSUM_TYPE));
        Map<Integer, PartRecord> stored = new HashMap<>();
        for (PartRecord p : parts(request.bucket(), request.uploadId())) {
            stored.put(p.info.partNumber(), p);
        }
        int previous = 0;
        for (CompletedPart part : request.parts()) {
            if (part.partNumber() <= previous) {
                throw BlobStoreException.invalidPartOrder();
            }
            previous = part.partNumber();
        }
        List<PartInfo> chosen = new ArrayList<>();
        List<String> blockIds = new ArrayList<>();
        for (int i = 0; i < request.parts().size(); i++) {
            CompletedPart part = request.parts().get(i);
            PartRecord p = stored.get(part.partNumber());
            if (p == null || !p.info.etag().equals(part.etag())) {
                throw BlobStoreException.invalidPart(part.partNumber());
            }
            CompletedParts.checkChecksum(algorithm, checksumType, part, p.info);
            chosen.add(p.info);
            for (int b = 0; b < p.blocks; b++) {
                blockIds.add(BlockIds.blockId(p.attempt, part.partNumber(), b));
            }
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < MIN_PART_SIZE) {
                throw BlobStoreException.entityTooSmall();
            }
        }
        Checksum choice = algorithm == null ? null : new Checksum(algorithm, "", checksumType);
        List<Checksum> checksums = PartChecksums.combine(choice, chosen);
        PartChecksums.verify(checksums, request.expectedChecksums());
        String etag = ETags.multipart(chosen.stream().map(PartInfo::etag).toList());
        ObjectProperties properties = BlobMetadata.properties(record.getContentType(), record.getContentEncoding(),
                record.getContentDisposition(), record.getContentLanguage(), record.getCacheControl(), rmeta);
        List<Long> sizes = chosen.stream().map(PartInfo::size).toList();
        Map<String, String> metadata = BlobMetadata.toAzure(properties, etag, checksums, sizes);
        metadata.put(BlobMetadata.UPLOAD_ID, request.uploadId());
        metadata.put(BlobMetadata.UPLOAD_PARTS, CompletedParts.fingerprint(request.parts()));
        ConditionalCommit.Written written;
        try {
            written = ConditionalCommit.commitStaged(store, staging(request.bucket(), request.uploadId()),
                    request.bucket(), request.key(), blockIds, BlobMetadata.headers(properties, null), metadata,
                    request.conditions());
        } catch (BlobStoreException e) {
            // a concurrent repeat of this Complete committed first and consumed the staged blocks
            ObjectInfo earlier = completedBefore(request);
            if (earlier == null) {
                throw e;
            }
            return earlier;
        }
        deleteRecords(request.bucket(), request.uploadId());
        long size = sizes.stream().mapToLong(Long::longValue).sum();
        return new ObjectInfo(request.key(), size, etag, written.lastModified(), properties, checksums,
                chosen.size());
    }

    /**
     * The object at the key when it was made by completing this upload with this part list (a repeated Complete),
     * else null.
     */
    private ObjectInfo completedBefore(CompleteMultipartRequest request) {
        BlobProperties current;
        try {
            current = store.properties(request.bucket(), request.key());
        } catch (BlobStoreException e) {
            return null;
        }
        Map<String, String> meta = current.getMetadata();
        if (!request.uploadId().equals(BlobMetadata.get(meta, BlobMetadata.UPLOAD_ID))
                || !CompletedParts.fingerprint(request.parts()).equals(BlobMetadata.get(meta,
                BlobMetadata.UPLOAD_PARTS))) {
            return null;
        }
        return AzureBlobStore.info(request.key(), current);
    }

    void abort(String bucket, String key, String uploadId) {
        upload(bucket, key, uploadId);
        deleteRecords(bucket, uploadId);
    }

    PartListing listParts(String bucket, String key, String uploadId, int marker, int maxParts) {
        BlobProperties record = upload(bucket, key, uploadId);
        List<PartInfo> page = new ArrayList<>();
        boolean truncated = false;
        for (PartRecord p : parts(bucket, uploadId)) {
            if (p.info.partNumber() <= marker) {
                continue;
            }
            if (page.size() == maxParts) {
                truncated = true;
                break;
            }
            page.add(p.info);
        }
        return new PartListing(toUpload(key, uploadId, record.getMetadata()), page, truncated,
                truncated && !page.isEmpty() ? page.get(page.size() - 1).partNumber() : 0);
    }

    io.trustgate.s3.spi.UploadListing listUploads(io.trustgate.s3.spi.ListUploadsRequest request) {
        store.container(request.bucket()).getProperties();
        List<MultipartUpload> all = new ArrayList<>();
        if (recordsExist()) {
            ListBlobsOptions options = new ListBlobsOptions().setPrefix(request.bucket() + "/")
                    .setDetails(new BlobListDetails().setRetrieveMetadata(true));
            for (BlobItem item : records.listBlobsByHierarchy("/", options, null)) {
                if (Boolean.TRUE.equals(item.isPrefix())) {
                    continue;
                }
                String uploadId = item.getName().substring(request.bucket().length() + 1);
                all.add(toUpload(null, uploadId, item.getMetadata()));
            }
        }
        return UploadPages.page(all, request);
    }

    boolean hasUploads(String bucket) {
        return recordsExist() && records.listBlobs(new ListBlobsOptions().setPrefix(bucket + "/")
                .setMaxResultsPerPage(1), null).iterator().hasNext();
    }

    /** The upload's record, or {@code NoSuchUpload} (also when it belongs to another key). */
    private BlobProperties upload(String bucket, String key, String uploadId) {
        if (!BlockIds.isUploadId(uploadId)) {
            throw BlobStoreException.noSuchUpload(uploadId);
        }
        try {
            BlobProperties p = records.getBlobClient(bucket + "/" + uploadId).getProperties();
            if (!key.equals(decode(BlobMetadata.get(p.getMetadata(), KEY)))) {
                throw BlobStoreException.noSuchUpload(uploadId);
            }
            return p;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw BlobStoreException.noSuchUpload(uploadId);
            }
            throw e;
        }
    }

    private List<PartRecord> parts(String bucket, String uploadId) {
        List<PartRecord> out = new ArrayList<>();
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(bucket + "/" + uploadId + "/")
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        for (BlobItem item : records.listBlobs(options, null)) {
            Map<String, String> m = item.getMetadata();
            String name = item.getName();
            int number = Integer.parseInt(name.substring(name.lastIndexOf('/') + 1));
            PartInfo info = new PartInfo(number, BlobMetadata.get(m, BlobMetadata.ETAG),
                    Long.parseLong(BlobMetadata.get(m, SIZE)), item.getProperties().getLastModified().toInstant(),
                    BlobMetadata.checksums(m));
            out.add(new PartRecord(info, BlobMetadata.get(m, ATTEMPT), Integer.parseInt(BlobMetadata.get(m, BLOCKS))));
        }
        out.sort(java.util.Comparator.comparingInt(p -> p.info.partNumber()));
        return out;
    }

    private void deleteRecords(String bucket, String uploadId) {
        for (BlobItem item : records.listBlobs(new ListBlobsOptions().setPrefix(bucket + "/" + uploadId + "/"),
                null)) {
            records.getBlobClient(item.getName()).deleteIfExists();
        }
        staging(bucket, uploadId).deleteIfExists();
        records.getBlobClient(bucket + "/" + uploadId).deleteIfExists();
    }

    /**
     * The blob that holds the staged blocks of upload {@code id} (a multipart upload, or a PutObject too large for
     * one request): {@value #STAGING}{@code <bucket>/<id>} in the records container, outside every bucket and
     * outside the {@code <bucket>/} names of the upload records. Only its own upload stages blocks on it and only
     * its own Complete commits it, so no other write can discard its uncommitted blocks.
     */
    BlockBlobClient staging(String bucket, String id) {
        return records.getBlobClient(STAGING + bucket + "/" + id).getBlockBlobClient();
    }

    private static MultipartUpload toUpload(String key, String uploadId, Map<String, String> meta) {
        String algorithm = BlobMetadata.get(meta, ALGORITHM);
        String type = BlobMetadata.get(meta, CHECKSUM_TYPE);
        return new MultipartUpload(key != null ? key : decode(BlobMetadata.get(meta, KEY)), uploadId,
                Instant.ofEpochMilli(Long.parseLong(BlobMetadata.get(meta, INITIATED))), algorithm,
                type == null ? null : ChecksumType.valueOf(type));
    }

    private static String partName(String bucket, String uploadId, int part) {
        return bucket + "/" + uploadId + "/" + String.format("%05d", part);
    }

    private static String decode(String stored) {
        return stored == null ? null : URLDecoder.decode(stored.substring(1), StandardCharsets.UTF_8);
    }

    void ensureRecords() {
        if (!recordsReady) {
            records.createIfNotExists();
            recordsReady = true;
        }
    }

    private boolean recordsExist() {
        return recordsReady || records.exists();
    }

    private record PartRecord(PartInfo info, String attempt, int blocks) {
    }
}
