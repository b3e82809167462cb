package io.trustgate.s3.operation;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.trustgate.s3.checksum.RequestedChecksum;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CompletedPart;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.LoopLocalObjects;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.xml.XmlIn;
import io.trustgate.s3.xml.XmlOut;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/** CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads. */
final class MultipartOperations {

    /** The S3 checksum algorithms, in a fixed order (the order part checksums are read in). */
    static final List<String> ALGORITHMS = List.of("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256");
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private MultipartOperations() {
    }

    private static BlobStore store(Exchange ex) {
        BlobStore store = ex.route().store();
        Responses.require(store, BlobCapability.MULTIPART);
        return store;
    }

    static void create(Exchange ex) {
        S3Request r = ex.request();
        BucketOperations.checkCannedAcl(r);
        WriteHeaders.checkObjectWrite(r);
        WriteHeaders.checkMetadataSize(r);
        ObjectOperations.checkKey(r.key());
        String algorithm = r.header("x-amz-checksum-algorithm");
        if (algorithm != null) {
            algorithm = algorithm.toUpperCase(Locale.ROOT);
            if (!ALGORITHMS.contains(algorithm)) {
                throw S3Errors.invalidArgument("Checksum algorithm provided is unsupported.");
            }
        }
        String typeHeader = r.header("x-amz-checksum-type");
        ChecksumType type = null;
        if (typeHeader != null) {
            try {
                type = ChecksumType.valueOf(typeHeader.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw S3Errors.invalidArgument("Value for x-amz-checksum-type header is invalid.");
            }
        }
        if (algorithm != null && type == null) {
            type = algorithm.startsWith("SHA") ? ChecksumType.COMPOSITE
                    : algorithm.equals("CRC64NVME") ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE;
        }
        CreateMultipartRequest req = new CreateMultipartRequest(r.bucket(), r.key(),
                ObjectHeaders.properties(r.headers()), algorithm, algorithm == null ? null : type);
        Responses.on(ex, store(ex).createMultipartUpload(req), upload -> {
            HttpHeaders h = Responses.headers();
            if (upload.checksumAlgorithm() != null) {
                h.set("x-amz-checksum-algorithm", upload.checksumAlgorithm());
                h.set("x-amz-checksum-type", upload.checksumType().name());
            }
            ex.respond(HttpResponseStatus.OK, h, XmlOut.document("InitiateMultipartUploadResult", true, x ->
                    x.element("Bucket", r.bucket()).element("Key", r.key()).element("UploadId", upload.uploadId())));
        });
    }

    static int partNumber(S3Request r) {
        int n = Responses.intParam(r, "partNumber", -1, 1, Integer.MAX_VALUE);
        if (n < 1 || n > 10000) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive");
        }
        return n;
    }

    static void uploadPart(Exchange ex) {
        S3Request r = ex.request();
        WriteHeaders.checkEncryption(r);
        int partNumber = partNumber(r);
        long length = ObjectOperations.declaredLength(r);
        if (length > MAX_PART_SIZE) {
            throw S3Errors.entityTooLarge();
        }
        RequestedChecksum checksum = ObjectOperations.requestedChecksum(r);
        UploadPartRequest req = new UploadPartRequest(r.bucket(), r.key(), r.query().first("uploadId"), partNumber,
                length, checksum.algorithmName(), checksum.headerValue());
        BlobStore store = store(ex);
        CompletionStage<BlobWriter<PartInfo>> opened = ObjectOperations.openUpload(ex, store, () -> {
            CompletionStage<BlobWriter<PartInfo>> local = store instanceof LoopLocalObjects l && ex.channel() != null
                    ? l.uploadPart(req, ex.channel()) : null;
            return local != null ? local : store.uploadPart(req);
        });
        Responses.on(ex, opened, writer -> Responses.on(ex,
                ex.streamBody(writer), part -> {
            HttpHeaders h = Responses.headers();
            h.set(HttpHeaderNames.ETAG, ObjectHeaders.quote(part.etag()));
            for (Checksum c : part.checksums()) {
                h.set(c.headerName(), c.value());
            }
            ex.respond(HttpResponseStatus.OK, h, null);
        }));
    }

    static void complete(Exchange ex) {
        S3Request r = ex.request();
        BlobStore store = store(ex);
        var conditions = Preconditions.write(r);
        List<Checksum> expected = new ArrayList<>();
        for (String alg : ALGORITHMS) {
            String v = r.header("x-amz-checksum-" + alg.toLowerCase(Locale.ROOT));
            if (v != null) {
                String type = r.header("x-amz-checksum-type");
                expected.add(new Checksum(alg, v, "COMPOSITE".equalsIgnoreCase(type) || v.contains("-")
                        ? ChecksumType.COMPOSITE : ChecksumType.FULL_OBJECT));
            }
        }
        Responses.on(ex, ex.readBody(), body -> {
            List<CompletedPart> parts = parseParts(body);
            CompleteMultipartRequest req = new CompleteMultipartRequest(r.bucket(), r.key(), r.query().first("uploadId"),
                    parts, conditions, expected);
            Responses.on(ex, store.completeMultipartUpload(req), info ->
                    Responses.ok(ex, XmlOut.document("CompleteMultipartUploadResult", true, x -> {
                        x.element("Location", "/" + r.bucket() + "/" + r.key()).element("Bucket", r.bucket())
                                .element("Key", r.key()).element("ETag", ObjectHeaders.quote(info.etag()));
                        for (Checksum c : info.checksums()) {
                            x.element(elementName(c.algorithm()), c.value()).element("ChecksumType", c.type().name());
                        }
                    })));
        });
    }

    static List<CompletedPart> parseParts(byte[] body) {
        List<XmlIn.Element> elements = Responses.xmlBody(body, "CompleteMultipartUpload").children("Part");
        if (elements.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        List<CompletedPart> parts = new ArrayList<>(elements.size());
        for (XmlIn.Element p : elements) {
            String number = p.childText("PartNumber");
            String etag = p.childText("ETag");
            if (number == null || etag == null) {
                throw S3Errors.malformedXml();
            }
            List<Checksum> checksums = new ArrayList<>(1);
            for (String alg : ALGORITHMS) {
                String value = p.childText(elementName(alg));
                if (value != null) {
                    checksums.add(new Checksum(alg, value.trim(), ChecksumType.FULL_OBJECT));
                }
            }
            try {
                parts.add(new CompletedPart(Integer.parseInt(number), ETags.bare(etag), checksums));
            } catch (NumberFormatException e) {
                throw S3Errors.malformedXml();
            }
        }
        return parts;
    }

    static void abort(Exchange ex) {
        S3Request r = ex.request();
        Responses.on(ex, store(ex).abortMultipartUpload(r.bucket(), r.key(), r.query().first("uploadId")),
                v -> Responses.noContent(ex));
    }

    static void listParts(Exchange ex) {
        S3Request r = ex.request();
        int marker = Responses.intParam(r, "part-number-marker", 0, 0, 10000);
        int maxParts = Responses.intParam(r, "max-parts", 1000, 0, 1000);
        Responses.on(ex, store(ex).listParts(r.bucket(), r.key(), r.query().first("uploadId"), marker, maxParts),
                page -> Responses.ok(ex, XmlOut.document("ListPartsResult", true, x -> {
                    x.element("Bucket", r.bucket()).element("Key", r.key())
                            .element("UploadId", page.upload().uploadId())
                            .element("PartNumberMarker", marker)
                            .element("NextPartNumberMarker", page.nextPartNumberMarker())
                            .element("MaxParts", maxParts).element("IsTruncated", page.truncated());
                    if (page.upload().checksumAlgorithm() != null) {
                        x.element("ChecksumAlgorithm", page.upload().checksumAlgorithm())
                                .element("ChecksumType", page.upload().checksumType().name());
                    }
                    initiator(x);
                    ListOperations.owner(x);
                    x.element("StorageClass", "STANDARD");
                    for (PartInfo p : page.parts()) {
                        x.start("Part").element("PartNumber", p.partNumber()).element("LastModified", p.lastModified())
                                .element("ETag", ObjectHeaders.quote(p.etag())).element("Size", p.size());
                        for (Checksum c : p.checksums()) {
                            x.element(elementName(c.algorithm()), c.value());
                        }
                        x.end();
                    }
                })));
    }

    static void listUploads(Exchange ex) {
        S3Request r = ex.request();
        UnaryOperator<String> enc = ListOperations.encoder(r);
        String prefix = r.query().first("prefix", "");
        String delimiter = ListOperations.emptyToNull(r.query().first("delimiter"));
        String keyMarker = r.query().first("key-marker", "");
        String uploadIdMarker = r.query().first("upload-id-marker", "");
        int max = Responses.intParam(r, "max-uploads", 1000, 0, 1000);
        ListUploadsRequest req = new ListUploadsRequest(r.bucket(), prefix, delimiter, keyMarker, uploadIdMarker, max);
        Responses.on(ex, store(ex).listMultipartUploads(req), page ->
                Responses.ok(ex, XmlOut.document("ListMultipartUploadsResult", true, x -> {
                    x.element("Bucket", r.bucket()).element("KeyMarker", enc.apply(keyMarker))
                            .element("UploadIdMarker", uploadIdMarker)
                            .element("NextKeyMarker", page.truncated() ? enc.apply(page.nextKeyMarker()) : "")
                            .element("NextUploadIdMarker", page.truncated() ? page.nextUploadIdMarker() : "")
                            .element("Prefix", enc.apply(prefix))
                            .element("Delimiter", delimiter == null ? null : enc.apply(delimiter))
                            .element("MaxUploads", max).element("IsTruncated", page.truncated());
                    if (r.query().has("encoding-type")) {
                        x.element("EncodingType", "url");
                    }
                    for (MultipartUpload u : page.uploads()) {
                        x.start("Upload").element("Key", enc.apply(u.key())).element("UploadId", u.uploadId());
                        initiator(x);
                        ListOperations.owner(x);
                        x.element("StorageClass", "STANDARD").element("Initiated", u.initiated());
                        if (u.checksumAlgorithm() != null) {
                            x.element("ChecksumAlgorithm", u.checksumAlgorithm())
                                    .element("ChecksumType", u.checksumType().name());
                        }
                        x.end();
                    }
                    for (String p : page.commonPrefixes()) {
                        x.start("CommonPrefixes").element("Prefix", enc.apply(p)).end();
                    }
                })));
    }

    private static void initiator(XmlOut x) {
        x.start("Initiator").element("ID", Responses.OWNER_ID).element("DisplayName", Responses.OWNER_ID).end();
    }

    /** {@code CRC32C} -> {@code ChecksumCRC32C}. */
    static String elementName(String algorithm) {
        return "Checksum" + algorithm;
    }

}
