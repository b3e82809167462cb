package io.trustgate.s3.operation;

import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.route.S3Operation;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The operation table: one handler per {@link S3Operation}. */
public final class Operations {

    /** Operations that take {@code ?versionId}: only version {@code null} exists ({@link VersionIds}). */
    private static final Set<S3Operation> VERSIONED = EnumSet.of(S3Operation.GET_OBJECT, S3Operation.HEAD_OBJECT,
            S3Operation.DELETE_OBJECT, S3Operation.GET_OBJECT_ACL, S3Operation.PUT_OBJECT_ACL);

    private final Map<S3Operation, OperationHandler> table = new EnumMap<>(S3Operation.class);

    /** @param publicRead whether a bucket is configured public-read (its ACL calls report and accept that) */
    public Operations(Predicate<String> publicRead) {
        table.put(S3Operation.LIST_BUCKETS, BucketOperations::listBuckets);
        table.put(S3Operation.CREATE_BUCKET, BucketOperations::createBucket);
        table.put(S3Operation.DELETE_BUCKET, BucketOperations::deleteBucket);
        table.put(S3Operation.HEAD_BUCKET, BucketOperations::headBucket);
        table.put(S3Operation.GET_BUCKET_LOCATION, BucketOperations::location);
        table.put(S3Operation.GET_BUCKET_VERSIONING, BucketOperations::versioning);
        table.put(S3Operation.GET_BUCKET_ACL, ex -> BucketOperations.getAcl(ex, publicRead.test(ex.request().bucket())));
        table.put(S3Operation.GET_OBJECT_ACL, ex -> BucketOperations.getAcl(ex, publicRead.test(ex.request().bucket())));
        table.put(S3Operation.PUT_BUCKET_ACL, ex -> BucketOperations.putAcl(ex, publicRead.test(ex.request().bucket())));
        table.put(S3Operation.PUT_OBJECT_ACL, ex -> BucketOperations.putAcl(ex, publicRead.test(ex.request().bucket())));
        table.put(S3Operation.LIST_OBJECTS, ListOperations::listV1);
        table.put(S3Operation.LIST_OBJECTS_V2, ListOperations::listV2);
        table.put(S3Operation.LIST_OBJECT_VERSIONS, ListOperations::listVersions);
        table.put(S3Operation.LIST_MULTIPART_UPLOADS, MultipartOperations::listUploads);
        table.put(S3Operation.DELETE_OBJECTS, ObjectOperations::deleteObjects);
        table.put(S3Operation.GET_OBJECT, ObjectOperations::get);
        table.put(S3Operation.HEAD_OBJECT, ObjectOperations::get);
        table.put(S3Operation.PUT_OBJECT, ObjectOperations::put);
        table.put(S3Operation.COPY_OBJECT, CopyOperations::copyObject);
        table.put(S3Operation.DELETE_OBJECT, ObjectOperations::delete);
        table.put(S3Operation.CREATE_MULTIPART_UPLOAD, MultipartOperations::create);
        table.put(S3Operation.UPLOAD_PART, MultipartOperations::uploadPart);
        table.put(S3Operation.UPLOAD_PART_COPY, CopyOperations::uploadPartCopy);
        table.put(S3Operation.COMPLETE_MULTIPART_UPLOAD, MultipartOperations::complete);
        table.put(S3Operation.ABORT_MULTIPART_UPLOAD, MultipartOperations::abort);
        table.put(S3Operation.LIST_PARTS, MultipartOperations::listParts);
        table.put(S3Operation.NOT_IMPLEMENTED, ex -> {
            throw S3Errors.notImplemented(describe(ex.request()));
        });
        table.put(S3Operation.METHOD_NOT_ALLOWED, ex -> {
            throw S3Errors.methodNotAllowed();
        });
    }

    /** Runs the handler for the request's operation; a synchronous throw becomes the S3 error response. */
    public void dispatch(Exchange ex) {
        try {
            if (ex.route() != null) {
                OperationSupport.check(ex.request().operation(), ex.route().store().capabilities(),
                        ex.route().store().kind());
            }
            if (VERSIONED.contains(ex.request().operation())) {
                VersionIds.check(ex.request());
            }
            table.get(ex.request().operation()).handle(ex);
        } catch (RuntimeException e) {
            ex.respondError(e);
        }
    }

    /** True for operations a public-read bucket serves to anonymous clients. */
    public static boolean isRead(S3Operation op) {
        return op == S3Operation.GET_OBJECT || op == S3Operation.HEAD_OBJECT || op == S3Operation.LIST_OBJECTS
                || op == S3Operation.LIST_OBJECTS_V2 || op == S3Operation.HEAD_BUCKET
                || op == S3Operation.GET_BUCKET_LOCATION;
    }

    private static String describe(S3Request r) {
        for (String name : r.query().names()) {
            return name + " (" + r.method() + " ?" + name + ")";
        }
        return r.method() + " " + r.resource();
    }
}
