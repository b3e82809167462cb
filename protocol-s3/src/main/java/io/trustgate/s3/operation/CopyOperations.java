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
import io.trustgate.s3.spi.Support;
import io.trustgate.s3.spi.UploadPartCopyRequest;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.spi.WriteConditions;
import io.trustgate.s3.xml.XmlOut;

import java.time.Instant;

/**
 * CopyObject and UploadPartCopy. The source is opened first (its version is pinned), copy-source conditions are
 * evaluated against it, then either the backend copies (same backend: {@code SERVER_SIDE_COPY} native, or
 * {@code PART_COPY}) or the bytes are streamed through {@link BlobPump}.
 */
final class CopyOperations {

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
        if (r.header("x-amz-tagging-directive") != null || r.header("x-amz-tagging") != null) {
            throw S3Errors.notImplemented("object tagging");
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
        Responses.on(ex, srcRoute.store().openObject(source.bucket(), source.key()), reader -> {
            ObjectInfo src = reader.info();
            try {
                checkSourceKey(sourceKey, srcRoute.store());
                Preconditions.checkCopySource(r, src);
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
            ObjectProperties props = replace ? ObjectHeaders.properties(r.headers()) : src.properties();
            if (srcRoute.store() == target && OperationSupport.answer(S3Operation.COPY_OBJECT, target.capabilities())
                    .support() == Support.NATIVE) {
                reader.close();
                Responses.on(ex, target.copyObject(new CopyObjectRequest(source.bucket(), source.key(), src.etag(),
                        r.bucket(), r.key(), props, conditions)), info -> respondCopy(ex, "CopyObjectResult", info.etag(),
                        info.lastModified()));
                return;
            }
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
     * UploadPartCopy. With the source on the upload's backend the backend copies ({@link BlobStore#uploadPartCopy}:
     * natively, or its default emulation); the source is only looked up here, for the copy-source conditions and
     * the range. Across backends the server opens the source and streams it into {@link BlobStore#uploadPart}.
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
        if (srcRoute.store() == target && target.capabilities().has(BlobCapability.PART_COPY)) {
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
        Responses.on(ex, srcRoute.store().openObject(source.bucket(), source.key()), reader -> {
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
        Responses.ok(ex, XmlOut.document(root, true, x -> x.element("LastModified", lastModified)
                .element("ETag", ObjectHeaders.quote(etag))));
    }
}
