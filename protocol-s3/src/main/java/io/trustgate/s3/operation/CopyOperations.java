package io.trustgate.s3.operation;

import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.route.BucketRouter;
import io.trustgate.s3.route.PercentCodec;
import io.trustgate.s3.route.S3Operation;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobPump;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.CustomerKey;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.ReadHints;
import io.trustgate.s3.spi.Support;
import io.trustgate.s3.spi.UploadPartCopyRequest;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.spi.WriteConditions;
import io.trustgate.s3.xml.XmlOut;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CopyObject and UploadPartCopy. The source is looked up or opened first (its version is pinned), copy-source
 * conditions are evaluated against it, then either the backend copies (same backend: {@code SERVER_SIDE_COPY} or
 * {@code PART_COPY} native) or the bytes are streamed through {@link BlobPump} from the version opened.
 */
final class CopyOperations {

    /** How many times a native copy starts again after its source was replaced under it (see nativeCopy). */
    static final int COPY_ATTEMPTS = 3;

    private CopyOperations() {
    }

    /**
     * Source bucket and key from {@code x-amz-copy-source} ({@code [/]bucket/key[?versionId=null]}, URL-encoded);
     * a version other than {@code null} is {@code 400 InvalidArgument} ({@link VersionIds}).
     */
    record Source(String bucket, String key) {
    }

    static Source source(S3Request r) {
        String raw = r.header("x-amz-copy-source");
        int q = raw.indexOf('?');
        if (q >= 0) {
            String query = raw.substring(q + 1);
            BlobStoreException refused = VersionIds.error(query.startsWith("versionId=")
                    ? query.substring("versionId=".length()) : query);
            if (refused != null) {
                throw refused;
            }
            raw = raw.substring(0, q);
        }
        String path;
        try {
            path = PercentCodec.decode(raw.startsWith("/") ? raw.substring(1) : raw);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("Invalid copy source encoding");
        }
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        return new Source(path.substring(0, slash), path.substring(slash + 1));
    }

    static BucketRouter.Route sourceRoute(Exchange ex, Source source) {
        BucketRouter.Route route = ex.router().route(source.bucket());
        if (route == null) {
            throw BlobStoreException.noSuchBucket(source.bucket());
        }
        return route;
    }

    static void copyObject(Exchange ex) {
        S3Request r = ex.request();
        Source source = source(r);
        BucketRouter.Route srcRoute = sourceRoute(ex, source);
        String directive = r.query().first("x-amz-metadata-directive", r.header("x-amz-metadata-directive"));
        boolean replace = directive != null && directive.equalsIgnoreCase("REPLACE");
        if (directive != null && !replace && !directive.equalsIgnoreCase("COPY")) {
            throw S3Errors.invalidArgument("Unknown metadata directive.");
        }
        BucketOperations.checkCannedAcl(r);
        WriteHeaders.checkCopyWrite(r);
        CustomerKey sourceKey = CustomerKeys.read(r, CustomerKeys.COPY_SOURCE);
        if (replace) {
            WriteHeaders.checkMetadataSize(r);
        }
        ObjectOperations.checkKey(r.key());
        if (!replace && source.bucket().equals(r.bucket()) && source.key().equals(r.key())) {
            throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to "
                    + "itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        WriteConditions conditions = Preconditions.write(r);
        BlobStore target = ex.route().store();
        if (srcRoute.store() == target && OperationSupport.answer(S3Operation.COPY_OBJECT, target.capabilities())
                .support() == Support.NATIVE) {
            Responses.on(ex, nativeCopy(r, source, sourceKey, target, replace, conditions, 1), info ->
                    respondCopy(ex, "CopyObjectResult", info.etag(), info.lastModified()));
            return;
        }
        Responses.on(ex, openSource(srcRoute.store(), source, null), reader -> {
            ObjectInfo src = reader.info();
            try {
                checkSourceKey(sourceKey, srcRoute.store());
                Preconditions.checkCopySource(r, src);
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
            ObjectProperties props = replace ? ObjectHeaders.properties(r.headers()) : src.properties();
            Responses.on(ex, target.putObject(new PutObjectRequest(r.bucket(), r.key(), src.size(), props, conditions))
                            .exceptionally(e -> {
                                reader.close();
                                throw BlobStoreException.from(e);
                            }),
                    writer -> Responses.on(ex, BlobPump.copy(reader, 0, src.size(), writer), info ->
                            respondCopy(ex, "CopyObjectResult", info.etag(), info.lastModified())));
        });
    }

    /**
     * A copy inside the backend: the copy-source conditions are evaluated against the source's attributes, and the
     * backend copies only that version ({@link CopyObjectRequest#sourceEtag()}). When the copy fails with 412
     * because the source was replaced in between (its ETag is no longer the one evaluated), the whole copy starts
     * again on the new version, up to {@link #COPY_ATTEMPTS} times: the client gets a copy of one consistent version
     * (old or new) judged by its own conditions, as on S3, instead of a 412 it did not cause. A 412 with the source
     * unchanged (a destination condition) is the answer.
     */
    private static CompletionStage<ObjectInfo> nativeCopy(S3Request r, Source source, CustomerKey sourceKey,
                                                          BlobStore store, boolean replace, WriteConditions conditions,
                                                          int attempt) {
        return store.headObject(source.bucket(), source.key()).thenCompose(src -> {
            checkSourceKey(sourceKey, store);
            Preconditions.checkCopySource(r, src);
            ObjectProperties props = replace ? ObjectHeaders.properties(r.headers()) : src.properties();
            return store.copyObject(new CopyObjectRequest(source.bucket(), source.key(), src.etag(), r.bucket(),
                            r.key(), props, conditions))
                    .exceptionallyCompose(e -> {
                        BlobStoreException error = BlobStoreException.from(e);
                        if (error.httpStatus() != 412 || attempt >= COPY_ATTEMPTS) {
                            return CompletableFuture.failedFuture(error);
                        }
                        return store.headObject(source.bucket(), source.key()).thenCompose(now -> now.etag()
                                .equals(src.etag()) ? CompletableFuture.failedFuture(error)
                                : nativeCopy(r, source, sourceKey, store, replace, conditions, attempt + 1));
                    });
        });
    }

    /**
     * Opens a copy source whose bytes pass through the gateway as a GET of {@code range} (the raw copy-source
     * range, or null) would: a backend that fetches the attributes with the first bytes (Azure) leaves no moment in
     * which a replacement of the source makes the version opened unreadable. The caller evaluates the copy-source
     * conditions and the range against {@link BlobReader#info()}, the version actually copied.
     */
    private static CompletionStage<BlobReader> openSource(BlobStore store, Source source, String range) {
        return store.openObject(source.bucket(), source.key(), false, new ReadHints(range, null, null, null, null));
    }

    /**
     * UploadPartCopy. With the source on a backend that copies parts natively ({@link BlobStore#uploadPartCopy}),
     * the source is only looked up here, for the copy-source conditions and the range, and the backend pins that
     * version. Otherwise (an emulated part copy, or across backends) the server opens the source like a GET of the
     * copy-source range ({@link #openSource}), evaluates the conditions and the range against the version opened,
     * and streams it into {@link BlobStore#uploadPart}: the same bytes the SPI's default emulation would move.
     */
    static void uploadPartCopy(Exchange ex) {
        S3Request r = ex.request();
        Source source = source(r);
        BucketRouter.Route srcRoute = sourceRoute(ex, source);
        WriteHeaders.checkTargetEncryption(r);
        CustomerKey sourceKey = CustomerKeys.read(r, CustomerKeys.COPY_SOURCE);
        int partNumber = MultipartOperations.partNumber(r);
        String uploadId = r.query().first("uploadId");
        BlobStore target = ex.route().store();
        if (srcRoute.store() == target
                && target.capabilities().support(BlobCapability.PART_COPY) == Support.NATIVE) {
            Responses.on(ex, target.headObject(source.bucket(), source.key()), src -> {
                checkSourceKey(sourceKey, target);
                Preconditions.checkCopySource(r, src);
                ByteRange range = copyRange(r.header("x-amz-copy-source-range"), src.size());
                long offset = range == null ? 0 : range.first();
                long length = range == null ? src.size() : range.length();
                Responses.on(ex, target.uploadPartCopy(new UploadPartCopyRequest(source.bucket(), source.key(),
                        src.etag(), offset, length, r.bucket(), r.key(), uploadId, partNumber)), part ->
                        respondCopy(ex, "CopyPartResult", part.etag(), part.lastModified()));
            });
            return;
        }
        Responses.on(ex, openSource(srcRoute.store(), source, r.header("x-amz-copy-source-range")), reader -> {
            ObjectInfo src = reader.info();
            ByteRange range;
            try {
                checkSourceKey(sourceKey, srcRoute.store());
                Preconditions.checkCopySource(r, src);
                range = copyRange(r.header("x-amz-copy-source-range"), src.size());
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
            long offset = range == null ? 0 : range.first();
            long length = range == null ? src.size() : range.length();
            Responses.on(ex, target.uploadPart(new UploadPartRequest(r.bucket(), r.key(), uploadId, partNumber,
                                    length))
                            .exceptionally(e -> {
                                reader.close();
                                throw BlobStoreException.from(e);
                            }),
                    writer -> Responses.on(ex, BlobPump.copy(reader, offset, length, writer), part ->
                            respondCopy(ex, "CopyPartResult", part.etag(), part.lastModified())));
        });
    }

    /**
     * The copy-source SSE-C key, once the source is found: copies never forward it (501 where the source's store
     * could hold SSE-C objects); elsewhere no object is stored with SSE-C, so it is not applicable (400).
     */
    private static void checkSourceKey(CustomerKey sourceKey, BlobStore sourceStore) {
        if (sourceKey == null) {
            return;
        }
        if (CustomerKeys.forwarded(sourceStore)) {
            throw S3Errors.notImplemented("copying from a source encrypted with a customer-provided key "
                    + "(x-amz-copy-source-server-side-encryption-customer-*)");
        }
        throw CustomerKeys.notApplicable();
    }

    /**
     * {@code bytes=first-last}, both required and inside the source, else InvalidArgument; a range past the end of the
     * source is 400 InvalidArgument naming the source size, as AWS answers it (not the 416 InvalidRange of a GET).
     */
    static ByteRange copyRange(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        int dash = h.indexOf('-');
        if (!h.startsWith("bytes=") || dash < 0) {
            throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last "
                    + "where first and last are the zero-based offsets of the first and last bytes to copy");
        }
        try {
            long first = Long.parseLong(h.substring(6, dash).trim());
            long last = Long.parseLong(h.substring(dash + 1).trim());
            if (first < 0 || last < first) {
                throw new NumberFormatException();
            }
            if (last >= size) {
                throw S3Errors.invalidArgument("Range specified is not valid for source object of size: " + size);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last "
                    + "where first and last are the zero-based offsets of the first and last bytes to copy");
        }
    }

    private static void respondCopy(Exchange ex, String root, String etag, Instant lastModified) {
        Responses.ok(ex, XmlOut.document(root, true, x -> x.element("LastModified", ObjectHeaders.listed(lastModified))
                .element("ETag", ObjectHeaders.quote(etag))));
    }
}
