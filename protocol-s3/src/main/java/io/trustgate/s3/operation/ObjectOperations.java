package io.trustgate.s3.operation;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.RequestedChecksum;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.CustomerKey;
import io.trustgate.s3.spi.LoopLocalObjects;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.ReadHints;
import io.trustgate.s3.xml.XmlIn;
import io.trustgate.s3.xml.XmlOut;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** GetObject, HeadObject, PutObject, DeleteObject and DeleteObjects. */
final class ObjectOperations {

    /** The largest single PUT S3 accepts. */
    static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;
    static final int MAX_DELETE_KEYS = 1000;

    private ObjectOperations() {
    }

    /** GET and HEAD: conditions and range against the opened version, then the body (none for HEAD). */
    static void get(Exchange ex) {
        S3Request r = ex.request();
        CustomerKey customerKey = CustomerKeys.read(r, CustomerKeys.OBJECT);
        boolean forwardKey = customerKey != null && CustomerKeys.forwarded(ex.route().store());
        Responses.on(ex, open(ex, r, forwardKey ? customerKey : null), reader -> {
            try {
                if (customerKey != null && !forwardKey) {
                    throw CustomerKeys.notApplicable();
                }
                serve(ex, reader);
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
        });
    }

    /** Opens the object; a {@code customerKey} (for a store that takes it) goes only where a store can send it. */
    private static CompletionStage<BlobReader> open(Exchange ex, S3Request r, CustomerKey customerKey) {
        boolean head = r.method().equals("HEAD");
        CompletionStage<BlobReader> opened = ex.route().store() instanceof LoopLocalObjects local && ex.channel() != null
                ? local.openObject(r.bucket(), r.key(), head, hints(r, customerKey), ex.channel()) : null;
        if (opened == null && customerKey != null) {
            throw S3Errors.notImplemented("GetObject and HeadObject with SSE-C headers on this connection");
        }
        return opened != null ? opened : ex.route().store().openObject(r.bucket(), r.key(), head, hints(r, null));
    }

    /** The client's range and read conditions, for a backend that lets its upstream answer them, and its key. */
    private static ReadHints hints(S3Request r, CustomerKey customerKey) {
        boolean part = r.query().has("partNumber");
        return new ReadHints(part ? null : r.header(HttpHeaderNames.RANGE),
                r.header("If-Match"), r.header("If-None-Match"), r.header("If-Modified-Since"),
                r.header("If-Unmodified-Since"), customerKey, part ? partNumberHint(r) : 0);
    }

    /** The part number asked for, or 0 when it is not one (the server refuses it after the open). */
    private static int partNumberHint(S3Request r) {
        try {
            return Math.max(0, Integer.parseInt(r.query().first("partNumber")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static CompletionStage<BlobWriter<ObjectInfo>> open(Exchange ex, PutObjectRequest req) {
        return openUpload(ex, ex.route().store(), () -> {
            CompletionStage<BlobWriter<ObjectInfo>> opened = ex.route().store() instanceof LoopLocalObjects local
                    && ex.channel() != null ? local.putObject(req, ex.channel()) : null;
            return opened != null ? opened : ex.route().store().putObject(req);
        });
    }

    /**
     * Opens an upload's writer with {@code open}; first, when the client waits for {@code 100 Continue}, lets the
     * store refuse the upload ({@link BlobStore#checkBeforeContinue}), so a refusal goes out instead of the 100
     * and the body is never sent. A check that is done at once (the default, a cached answer) costs no hand-over.
     */
    static <W> CompletionStage<W> openUpload(Exchange ex, BlobStore store, Supplier<CompletionStage<W>> open) {
        if (!ex.awaitsContinue()) {
            return open.get();
        }
        CompletableFuture<Void> checked = store.checkBeforeContinue(ex.request().bucket()).toCompletableFuture();
        if (checked.isDone() && !checked.isCompletedExceptionally()) {
            return open.get();
        }
        return checked.thenComposeAsync(v -> open.get(), ex.executor());
    }

    private static void serve(Exchange ex, BlobReader reader) {
        S3Request r = ex.request();
        ObjectInfo info = reader.info();
        try {
            Preconditions.checkRead(r, info);
        } catch (BlobStoreException e) {
            if (e.httpStatus() != 304) {
                throw e;
            }
            reader.close();
            HttpHeaders h = Responses.headers();
            h.set(HttpHeaderNames.ETAG, ObjectHeaders.quote(info.etag()));
            h.set(HttpHeaderNames.LAST_MODIFIED, ObjectHeaders.httpDate(info));
            ex.respond(HttpResponseStatus.NOT_MODIFIED, h, null);
            return;
        }
        ByteRange range = r.query().has("partNumber") ? partRange(r, reader)
                : ByteRange.parse(r.header(HttpHeaderNames.RANGE), info.size());
        boolean checksums = range == null && "ENABLED".equalsIgnoreCase(r.header("x-amz-checksum-mode"));
        HttpHeaders h = ObjectHeaders.forObject(info, r.query(), checksums);
        if (range == null) {
            ex.respondObject(HttpResponseStatus.OK, h, reader, 0, info.size());
        } else {
            h.set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(info.size()));
            ex.respondObject(HttpResponseStatus.PARTIAL_CONTENT, h, reader, range.first(), range.length());
        }
    }

    /**
     * The byte range of {@code ?partNumber=N}: the whole object for part 1 of a single-part object, else the part's
     * bytes from {@link BlobReader#part(int)}; null means the whole object.
     */
    static ByteRange partRange(S3Request r, BlobReader reader) {
        ObjectInfo info = reader.info();
        int n = MultipartOperations.partNumber(r);
        if (r.header(HttpHeaderNames.RANGE) != null) {
            throw S3Errors.invalidRequest("Cannot specify both Range header and partNumber query parameter");
        }
        if (info.partsCount() <= 1) {
            if (n != 1) {
                throw S3Errors.invalidPartNumber();
            }
            return null;
        }
        if (n > info.partsCount()) {
            throw S3Errors.invalidPartNumber();
        }
        BlobReader.Part part = reader.part(n).orElseThrow(() ->
                S3Errors.notImplemented("GetObject by partNumber of a multipart object on this backend"));
        long first = part.offset();
        long length = part.length();
        if (length == 0) {
            throw S3Errors.invalidRange(null, info.size());
        }
        return new ByteRange(first, first + length - 1);
    }

    static void put(Exchange ex) {
        S3Request r = ex.request();
        BucketOperations.checkCannedAcl(r);
        WriteHeaders.checkObjectWrite(r);
        WriteHeaders.checkMetadataSize(r);
        checkKey(r.key());
        long length = declaredLength(r);
        if (length > MAX_PUT_SIZE) {
            throw S3Errors.entityTooLarge();
        }
        RequestedChecksum checksum = requestedChecksum(r);
        PutObjectRequest req = new PutObjectRequest(r.bucket(), r.key(), length, ObjectHeaders.properties(r.headers()),
                Preconditions.write(r), checksum.algorithmName(), checksum.headerValue());
        Responses.on(ex, open(ex, req), writer ->
                Responses.on(ex, ex.streamBody(writer), info -> {
                    HttpHeaders h = Responses.headers();
                    h.set(HttpHeaderNames.ETAG, ObjectHeaders.quote(info.etag()));
                    ObjectHeaders.encryption(h, info);
                    ObjectHeaders.checksums(h, info);
                    ex.respond(HttpResponseStatus.OK, h, null);
                }));
    }

    /** The checksum the upload names in its headers (the body decoder verifies it against the bytes). */
    static RequestedChecksum requestedChecksum(S3Request r) {
        int named = 0;
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            named += r.headers().contains(a.headerName()) ? 1 : 0;
        }
        if (named > 1) {
            throw S3Errors.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are "
                    + "not allowed.");
        }
        try {
            return RequestedChecksum.of(r.headers());
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("Checksum algorithm provided is unsupported.");
        }
    }

    static void delete(Exchange ex) {
        S3Request r = ex.request();
        DeleteCondition condition = ConditionalDeletes.header(r, ex.route().store());
        Responses.on(ex, ex.route().store().deleteObject(r.bucket(), r.key(), condition),
                v -> Responses.noContent(ex));
    }

    static void deleteObjects(Exchange ex) {
        S3Request r = ex.request();
        Responses.on(ex, ex.readBody(), body -> {
            XmlIn.Element root = Responses.xmlBody(body, "Delete");
            List<XmlIn.Element> objects = root.children("Object");
            if (objects.isEmpty() || objects.size() > MAX_DELETE_KEYS) {
                throw S3Errors.malformedXml();
            }
            boolean quiet = "true".equalsIgnoreCase(root.childText("Quiet"));
            List<DeleteEntry> entries = new ArrayList<>(objects.size());
            for (XmlIn.Element o : objects) {
                String key = o.childText("Key");
                if (key == null || key.isEmpty()) {
                    throw S3Errors.malformedXml();
                }
                String version = o.childText("VersionId");
                BlobStoreException refused = version == null ? null : VersionIds.error(version);
                entries.add(new DeleteEntry(key, version, refused,
                        refused == null ? ConditionalDeletes.entry(o) : null));
            }
            List<DeleteEntry> toDelete = entries.stream().filter(e -> e.refused() == null).toList();
            List<DeleteCondition> conditions = toDelete.stream().map(DeleteEntry::condition).toList();
            ConditionalDeletes.requireSupport(conditions, ex.route().store());
            Responses.on(ex, toDelete.isEmpty() ? CompletableFuture.completedFuture(List.of())
                    : ex.route().store().deleteObjects(r.bucket(),
                            toDelete.stream().map(DeleteEntry::key).toList(), conditions), results ->
                    Responses.ok(ex, XmlOut.document("DeleteResult", true, x -> {
                        int deleted = 0;
                        for (DeleteEntry e : entries) {
                            BlobStoreException error = e.refused() != null ? e.refused() : results.get(deleted++);
                            if (error == null) {
                                if (!quiet) {
                                    x.start("Deleted").element("Key", e.key()).element("VersionId", e.version())
                                            .end();
                                }
                            } else {
                                x.start("Error").element("Key", e.key()).element("VersionId", e.version())
                                        .element("Code", error.code()).element("Message", error.getMessage()).end();
                            }
                        }
                    })));
        });
    }

    /**
     * One DeleteObjects {@code <Object>}: refused by the gateway (a version other than {@code null}), or passed to the
     * backend with its condition.
     */
    private record DeleteEntry(String key, String version, BlobStoreException refused, DeleteCondition condition) {
    }

    /** The decoded body length the client declared, or -1. */
    static long declaredLength(S3Request r) {
        String decoded = r.header("x-amz-decoded-content-length");
        return ObjectHeaders.length(decoded != null ? decoded : r.header(HttpHeaderNames.CONTENT_LENGTH));
    }

    /** S3 keys are at most 1024 bytes of UTF-8. */
    static void checkKey(String key) {
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
            throw S3Errors.keyTooLong();
        }
    }
}
