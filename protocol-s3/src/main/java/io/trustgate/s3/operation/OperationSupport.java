package io.trustgate.s3.operation;

import io.trustgate.s3.route.S3Operation;
import io.trustgate.s3.route.S3RequestClassifier;
import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobCapabilities.Answer;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The S3 operation table's capability side: for every operation (and the request features whose answer can differ
 * from their operation's, such as conditional writes), what a backend's {@link BlobCapabilities} declaration makes
 * of it. The server refuses with it at dispatch ({@link #check}), {@link CopyOperations} chooses native or streamed
 * copies with it, and {@code trustgate capabilities} / {@code docs/compatibility.md} print it: one declaration, no
 * second table. Stateless.
 */
public final class OperationSupport {

    /** One row: an S3 operation name or request feature, its group, and how it is answered from a declaration. */
    public record Row(String name, String group, Function<BlobCapabilities, Answer> answer) {
    }

    private static final Answer NATIVE = new Answer(Support.NATIVE, null);
    static final String VERSION_IDS = "version ids (?versionId, <VersionId>, x-amz-copy-source ?versionId)";
    static final String STORAGE_CLASS = "storage class (x-amz-storage-class)";
    static final String ENCRYPTION = "server-side encryption on writes (x-amz-server-side-encryption: AES256, "
            + "aws:kms, aws:kms:dsse; SSE-C x-amz-server-side-encryption-customer-*)";
    static final String SSE_C_READS = "SSE-C on reads (x-amz-server-side-encryption-customer-* on GetObject, "
            + "HeadObject; x-amz-copy-source-server-side-encryption-customer-* on CopyObject, UploadPartCopy)";
    static final String OBJECT_LOCK = "object lock (x-amz-object-lock-*, x-amz-bucket-object-lock-enabled: true)";
    static final String TAGGING = "object tagging on upload (x-amz-tagging)";
    private static final Map<String, Row> ROWS = rows0();

    private OperationSupport() {
    }

    /** Every row in table order: buckets, listing, objects, copy, multipart, request features, not implemented. */
    public static List<Row> rows() {
        return List.copyOf(ROWS.values());
    }

    /** The row named {@code name} (an S3 API name such as {@code UploadPartCopy}, any case), or null. */
    public static Row row(String name) {
        for (Row r : ROWS.values()) {
            if (r.name().equalsIgnoreCase(name.trim())) {
                return r;
            }
        }
        return null;
    }

    /** What {@code declared} makes of {@code operation}. */
    public static Answer answer(S3Operation operation, BlobCapabilities declared) {
        Row row = ROWS.get(operation.awsName());
        return row == null ? NATIVE : row.answer().apply(declared);
    }

    /** Throws {@code 501 NotImplemented} naming the operation, the backend and the reason when it is refused. */
    static void check(S3Operation operation, BlobCapabilities declared, String backend) {
        Answer a = answer(operation, declared);
        if (a.support() == Support.REFUSED) {
            throw BlobStoreException.notImplemented(operation.awsName()
                    + (a.reason() == null ? "" : " (" + a.reason() + ")"), backend);
        }
    }

    private static Map<String, Row> rows0() {
        Map<String, Row> m = new LinkedHashMap<>();
        String buckets = "buckets";
        add(m, S3Operation.LIST_BUCKETS, buckets, fixed(Support.NATIVE, "every backend of the listener is asked; "
                + "503 ServiceUnavailable naming the backend when one does not answer (a partial list would look "
                + "like deleted buckets to sync tools); `prefix`, `bucket-region` and `max-buckets` (1-10000) pages "
                + "with `continuation-token` are honoured over the merged list"));
        add(m, S3Operation.CREATE_BUCKET, buckets, capability(BlobCapability.BUCKET_MANAGEMENT));
        add(m, S3Operation.DELETE_BUCKET, buckets, capability(BlobCapability.BUCKET_MANAGEMENT));
        add(m, S3Operation.HEAD_BUCKET, buckets, d -> NATIVE);
        add(m, S3Operation.GET_BUCKET_LOCATION, buckets, d -> NATIVE);
        add(m, S3Operation.GET_BUCKET_VERSIONING, buckets, fixed(Support.NATIVE,
                "answered by the gateway: buckets are unversioned"));
        String acl = "acl";
        for (S3Operation op : List.of(S3Operation.GET_BUCKET_ACL, S3Operation.GET_OBJECT_ACL)) {
            add(m, op, acl, fixed(Support.NATIVE, "answered by the gateway from the listener's publicRead list"));
        }
        for (S3Operation op : List.of(S3Operation.PUT_BUCKET_ACL, S3Operation.PUT_OBJECT_ACL)) {
            add(m, op, acl, fixed(Support.NATIVE, "only the canned ACL the configuration already gives is accepted "
                    + "(nothing changes); any other ACL is 501 NotImplemented"));
        }
        String listing = "listing";
        add(m, S3Operation.LIST_OBJECTS, listing, d -> NATIVE);
        add(m, S3Operation.LIST_OBJECTS_V2, listing, d -> NATIVE);
        add(m, S3Operation.LIST_OBJECT_VERSIONS, listing, fixed(Support.EMULATED,
                "built from the object listing: one version per key, version id null"));
        add(m, S3Operation.LIST_MULTIPART_UPLOADS, listing, capability(BlobCapability.MULTIPART));
        String objects = "objects";
        add(m, S3Operation.GET_OBJECT, objects, d -> NATIVE);
        add(m, S3Operation.HEAD_OBJECT, objects, d -> NATIVE);
        add(m, S3Operation.PUT_OBJECT, objects, d -> NATIVE);
        add(m, S3Operation.DELETE_OBJECT, objects, d -> NATIVE);
        add(m, S3Operation.DELETE_OBJECTS, objects, d -> NATIVE);
        String copy = "copy";
        add(m, S3Operation.COPY_OBJECT, copy, streamedUnlessNative(BlobCapability.SERVER_SIDE_COPY));
        add(m, S3Operation.UPLOAD_PART_COPY, copy, d -> d.has(BlobCapability.MULTIPART)
                ? streamedUnlessNative(BlobCapability.PART_COPY).apply(d) : refusedAs(d, BlobCapability.MULTIPART));
        String multipart = "multipart";
        for (S3Operation op : List.of(S3Operation.CREATE_MULTIPART_UPLOAD, S3Operation.UPLOAD_PART,
                S3Operation.COMPLETE_MULTIPART_UPLOAD, S3Operation.ABORT_MULTIPART_UPLOAD, S3Operation.LIST_PARTS)) {
            add(m, op, multipart, capability(BlobCapability.MULTIPART));
        }
        String features = "request features";
        feature(m, "conditional writes (If-None-Match: *, If-Match)", features, BlobCapability.CONDITIONAL_WRITES);
        feature(m, "conditional deletes (If-Match, DeleteObjects <ETag>)", features,
                BlobCapability.CONDITIONAL_DELETES);
        feature(m, "user metadata (x-amz-meta-*, content headers)", features, BlobCapability.USER_METADATA);
        feature(m, "stored checksums (x-amz-checksum-*)", features, BlobCapability.CHECKSUMS);
        feature(m, "zero-copy GET (sendfile)", features, BlobCapability.ZERO_COPY_READ);
        m.put(VERSION_IDS, new Row(VERSION_IDS, features, fixed(Support.NATIVE, "buckets are unversioned: version "
                + "null is the object as it is; any other version id is 400 InvalidArgument")));
        m.put(STORAGE_CLASS, new Row(STORAGE_CLASS, features, fixed(Support.NATIVE, "STANDARD only: another AWS "
                + "class is 501 NotImplemented (objects are stored, and listed, as STANDARD); an unknown one 400 "
                + "InvalidStorageClass")));
        m.put(SSE_C_READS, new Row(SSE_C_READS, features, d -> d.has(BlobCapability.CUSTOMER_KEY_READS)
                ? d.answer(BlobCapability.CUSTOMER_KEY_READS) : new Answer(Support.NATIVE, "answered by the gateway: "
                + "no object is stored with SSE-C, so a well-formed key is 400 InvalidRequest (not applicable to "
                + "this object), as AWS answers for an object stored without it; a malformed one is the 400 AWS "
                + "gives (InvalidArgument, InvalidEncryptionAlgorithmError)")));
        for (String refused : List.of(ENCRYPTION, OBJECT_LOCK, TAGGING)) {
            m.put(refused, new Row(refused, features, fixed(Support.REFUSED, "not implemented by trustgate: "
                    + "501 NotImplemented, nothing is stored")));
        }
        List<String> unsupported = new ArrayList<>(S3RequestClassifier.unsupportedSubresources());
        Collections.sort(unsupported, String.CASE_INSENSITIVE_ORDER);
        for (String sub : unsupported) {
            m.put("?" + sub, new Row("?" + sub, "not implemented", fixed(Support.REFUSED,
                    "not implemented by trustgate: 501 NotImplemented")));
        }
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Row> m, S3Operation op, String group, Function<BlobCapabilities, Answer> f) {
        m.put(op.awsName(), new Row(op.awsName(), group, f));
    }

    private static void feature(Map<String, Row> m, String name, String group, BlobCapability c) {
        m.put(name, new Row(name, group, capability(c)));
    }

    private static Function<BlobCapabilities, Answer> fixed(Support support, String reason) {
        Answer a = new Answer(support, reason);
        return d -> a;
    }

    private static Function<BlobCapabilities, Answer> capability(BlobCapability c) {
        return d -> d.answer(c);
    }

    /** Native when declared native; otherwise the server streams it, with the backend's reason when it gave one. */
    private static Function<BlobCapabilities, Answer> streamedUnlessNative(BlobCapability c) {
        return d -> {
            Answer a = d.answer(c);
            if (a.support() == Support.NATIVE) {
                return a;
            }
            String how = "read and written through the gateway";
            return new Answer(Support.EMULATED, a.support() == Support.EMULATED && a.reason() != null ? a.reason()
                    : a.reason() == null ? how : how + " (" + a.reason() + ")");
        };
    }

    private static Answer refusedAs(BlobCapabilities d, BlobCapability c) {
        Answer a = d.answer(c);
        return new Answer(Support.REFUSED, c.description() + " refused" + (a.reason() == null ? ""
                : ": " + a.reason()));
    }
}
