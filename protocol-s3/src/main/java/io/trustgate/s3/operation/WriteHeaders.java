package io.trustgate.s3.operation;

import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobStoreException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Write headers that ask for something no backend here does: server-side encryption (SSE-S3, SSE-KMS, SSE-C),
 * object lock, object tagging, storage classes other than {@code STANDARD}. PutObject, CreateMultipartUpload and
 * CopyObject (and UploadPart for SSE-C) refuse them with {@code 501 NotImplemented} before any backend is asked,
 * rather than store the object without what the client asked for; nothing in a response ever claims them. Also the
 * limit AWS puts on user metadata. Stateless.
 */
final class WriteHeaders {

    /** The most user metadata AWS takes: the UTF-8 bytes of every x-amz-meta-* name (without the prefix) and value. */
    static final int MAX_USER_METADATA = 2048;

    static final List<String> SSE_C = List.of("x-amz-server-side-encryption-customer-algorithm",
            "x-amz-server-side-encryption-customer-key", "x-amz-server-side-encryption-customer-key-MD5");
    static final List<String> COPY_SOURCE_SSE_C = List.of(
            "x-amz-copy-source-server-side-encryption-customer-algorithm",
            "x-amz-copy-source-server-side-encryption-customer-key",
            "x-amz-copy-source-server-side-encryption-customer-key-MD5");
    static final List<String> SSE_KMS = List.of("x-amz-server-side-encryption-aws-kms-key-id",
            "x-amz-server-side-encryption-context");
    static final List<String> OBJECT_LOCK = List.of("x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date",
            "x-amz-object-lock-legal-hold");
    /** The x-amz-server-side-encryption values AWS knows. */
    static final Set<String> SSE_ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    /** The storage classes AWS knows; only STANDARD is what the backends here store. */
    static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
            "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE",
            "FSX_OPENZFS", "FSX_ONTAP");

    private WriteHeaders() {
    }

    /** PutObject and CreateMultipartUpload: refuses what cannot be honoured (see the class comment). */
    static void checkObjectWrite(S3Request r) {
        refuseCopySourceKey(r);
        checkWrite(r);
    }

    /**
     * CopyObject: like {@link #checkObjectWrite}, but the copy-source SSE-C headers are about the source, which
     * {@link CopyOperations} checks ({@link CustomerKeys}), and any {@code x-amz-tagging-directive} is refused (no
     * backend here keeps tags to copy or replace). An empty {@code x-amz-tagging} is the empty tag-set, AWS's
     * default for the header: what every object here has, so it is accepted, as on PutObject.
     */
    static void checkCopyWrite(S3Request r) {
        checkWrite(r);
        if (r.header("x-amz-tagging-directive") != null) {
            throw S3Errors.notImplemented("object tagging (x-amz-tagging-directive)");
        }
    }

    private static void checkWrite(S3Request r) {
        checkTargetEncryption(r);
        for (String h : OBJECT_LOCK) {
            if (r.header(h) != null) {
                throw S3Errors.notImplemented("object lock (" + h + ")");
            }
        }
        String tagging = r.header("x-amz-tagging");
        if (tagging != null && !tagging.isEmpty()) {
            throw S3Errors.notImplemented("object tagging (x-amz-tagging)");
        }
        String storageClass = r.header("x-amz-storage-class");
        if (storageClass != null && !storageClass.equals("STANDARD")) {
            if (!STORAGE_CLASSES.contains(storageClass)) {
                throw new BlobStoreException("InvalidStorageClass", 400,
                        "The storage class you specified is not valid");
            }
            throw S3Errors.notImplemented("storage class " + storageClass + " (objects are stored as STANDARD)");
        }
    }

    /** The server-side encryption headers, SSE-C included (what UploadPart checks). */
    static void checkEncryption(S3Request r) {
        refuseCopySourceKey(r);
        checkTargetEncryption(r);
    }

    private static void refuseCopySourceKey(S3Request r) {
        for (String h : COPY_SOURCE_SSE_C) {
            if (r.header(h) != null) {
                throw S3Errors.notImplemented("server-side encryption with customer-provided keys (" + h + ")");
            }
        }
    }

    /** The encryption asked for the object written (also what UploadPartCopy checks, its source aside). */
    static void checkTargetEncryption(S3Request r) {
        for (String h : SSE_C) {
            if (r.header(h) != null) {
                throw S3Errors.notImplemented("server-side encryption with customer-provided keys (" + h + ")");
            }
        }
        String sse = r.header("x-amz-server-side-encryption");
        if (sse != null) {
            if (!SSE_ALGORITHMS.contains(sse)) {
                throw S3Errors.invalidArgument("The encryption method specified is not supported");
            }
            throw S3Errors.notImplemented("server-side encryption (x-amz-server-side-encryption: " + sse
                    + "); the gateway does not encrypt objects");
        }
        for (String h : SSE_KMS) {
            if (r.header(h) != null) {
                throw S3Errors.notImplemented("server-side encryption with KMS keys (" + h + ")");
            }
        }
        if ("true".equalsIgnoreCase(r.header("x-amz-server-side-encryption-bucket-key-enabled"))) {
            throw S3Errors.notImplemented("S3 Bucket Keys (x-amz-server-side-encryption-bucket-key-enabled)");
        }
    }

    /** CreateBucket: a bucket with object lock cannot be made. */
    static void checkCreateBucket(S3Request r) {
        if ("true".equalsIgnoreCase(r.header("x-amz-bucket-object-lock-enabled"))) {
            throw S3Errors.notImplemented("object lock (x-amz-bucket-object-lock-enabled)");
        }
    }

    /** {@code 400 MetadataTooLarge} when the request's user metadata is over {@link #MAX_USER_METADATA} bytes. */
    static void checkMetadataSize(S3Request r) {
        checkMetadataSize(ObjectHeaders.properties(r.headers()).userMetadata());
    }

    static void checkMetadataSize(Map<String, String> userMetadata) {
        long size = 0;
        for (Map.Entry<String, String> m : userMetadata.entrySet()) {
            size += m.getKey().getBytes(StandardCharsets.UTF_8).length
                    + m.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > MAX_USER_METADATA) {
            throw new BlobStoreException("MetadataTooLarge", 400,
                    "Your metadata headers exceed the maximum allowed metadata size.");
        }
    }
}
