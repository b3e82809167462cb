package io.trustgate.s3.route;

import java.util.Set;

/**
 * Maps a request's method, addressing and query to an {@link S3Operation}: a pure function, tested without a
 * channel. Sub-resources trustgate does not implement classify as {@link S3Operation#NOT_IMPLEMENTED}, so they get
 * 501 instead of being mistaken for a plain object or bucket request.
 */
public final class S3RequestClassifier {

    /** Query sub-resources of features trustgate does not implement. */
    static final Set<String> UNSUPPORTED_SUBRESOURCES = Set.of(
            "tagging", "lifecycle", "policy", "policyStatus", "cors", "object-lock", "retention", "legal-hold",
            "encryption", "website", "logging", "notification", "replication", "requestPayment", "accelerate",
            "analytics", "inventory", "metrics", "intelligent-tiering", "ownershipControls", "publicAccessBlock",
            "attributes", "torrent", "restore", "select", "select-type", "renameObject", "metadataTable",
            "metadataConfiguration", "session");

    private S3RequestClassifier() {
    }

    /** The query sub-resources answered {@code 501 NotImplemented} (for the capability table). */
    public static java.util.Set<String> unsupportedSubresources() {
        return UNSUPPORTED_SUBRESOURCES;
    }

    /** The operation for {@code method} (upper-case) on the addressed resource with the given query. */
    public static S3Operation classify(String method, String bucket, String key, QueryParams query,
                                       boolean hasCopySource) {
        for (String name : query.names()) {
            if (UNSUPPORTED_SUBRESOURCES.contains(name)) {
                return S3Operation.NOT_IMPLEMENTED;
            }
        }
        if (bucket == null) {
            return method.equals("GET") ? S3Operation.LIST_BUCKETS : S3Operation.METHOD_NOT_ALLOWED;
        }
        if (key == null) {
            return bucketOperation(method, query);
        }
        return objectOperation(method, query, hasCopySource);
    }

    private static S3Operation bucketOperation(String method, QueryParams q) {
        switch (method) {
            case "GET":
                if (q.has("location")) {
                    return S3Operation.GET_BUCKET_LOCATION;
                }
                if (q.has("versioning")) {
                    return S3Operation.GET_BUCKET_VERSIONING;
                }
                if (q.has("acl")) {
                    return S3Operation.GET_BUCKET_ACL;
                }
                if (q.has("uploads")) {
                    return S3Operation.LIST_MULTIPART_UPLOADS;
                }
                if (q.has("versions")) {
                    return S3Operation.LIST_OBJECT_VERSIONS;
                }
                if ("2".equals(q.first("list-type"))) {
                    return S3Operation.LIST_OBJECTS_V2;
                }
                return S3Operation.LIST_OBJECTS;
            case "HEAD":
                return S3Operation.HEAD_BUCKET;
            case "PUT":
                if (q.has("acl")) {
                    return S3Operation.PUT_BUCKET_ACL;
                }
                if (q.has("versioning")) {
                    return S3Operation.NOT_IMPLEMENTED;
                }
                return S3Operation.CREATE_BUCKET;
            case "DELETE":
                return S3Operation.DELETE_BUCKET;
            case "POST":
                return q.has("delete") ? S3Operation.DELETE_OBJECTS : S3Operation.NOT_IMPLEMENTED;
            default:
                return S3Operation.METHOD_NOT_ALLOWED;
        }
    }

    private static S3Operation objectOperation(String method, QueryParams q, boolean hasCopySource) {
        boolean upload = q.has("uploadId");
        switch (method) {
            case "GET":
                if (q.has("acl")) {
                    return S3Operation.GET_OBJECT_ACL;
                }
                return upload ? S3Operation.LIST_PARTS : S3Operation.GET_OBJECT;
            case "HEAD":
                return S3Operation.HEAD_OBJECT;
            case "PUT":
                if (q.has("acl")) {
                    return S3Operation.PUT_OBJECT_ACL;
                }
                if (upload && q.has("partNumber")) {
                    return hasCopySource ? S3Operation.UPLOAD_PART_COPY : S3Operation.UPLOAD_PART;
                }
                return hasCopySource ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
            case "POST":
                if (q.has("uploads")) {
                    return S3Operation.CREATE_MULTIPART_UPLOAD;
                }
                return upload ? S3Operation.COMPLETE_MULTIPART_UPLOAD : S3Operation.NOT_IMPLEMENTED;
            case "DELETE":
                return upload ? S3Operation.ABORT_MULTIPART_UPLOAD : S3Operation.DELETE_OBJECT;
            default:
                return S3Operation.METHOD_NOT_ALLOWED;
        }
    }
}
