package io.trustgate.s3.route;

/** What an S3 request asks for, named as in the S3 API reference; also the {@code operation} metric tag. */
public enum S3Operation {
    LIST_BUCKETS("ListBuckets"),
    CREATE_BUCKET("CreateBucket"),
    DELETE_BUCKET("DeleteBucket"),
    HEAD_BUCKET("HeadBucket"),
    GET_BUCKET_LOCATION("GetBucketLocation"),
    GET_BUCKET_VERSIONING("GetBucketVersioning"),
    GET_BUCKET_ACL("GetBucketAcl"),
    PUT_BUCKET_ACL("PutBucketAcl"),
    LIST_OBJECTS("ListObjects"),
    LIST_OBJECTS_V2("ListObjectsV2"),
    LIST_OBJECT_VERSIONS("ListObjectVersions"),
    LIST_MULTIPART_UPLOADS("ListMultipartUploads"),
    DELETE_OBJECTS("DeleteObjects"),
    GET_OBJECT("GetObject"),
    HEAD_OBJECT("HeadObject"),
    PUT_OBJECT("PutObject"),
    COPY_OBJECT("CopyObject"),
    DELETE_OBJECT("DeleteObject"),
    GET_OBJECT_ACL("GetObjectAcl"),
    PUT_OBJECT_ACL("PutObjectAcl"),
    CREATE_MULTIPART_UPLOAD("CreateMultipartUpload"),
    UPLOAD_PART("UploadPart"),
    UPLOAD_PART_COPY("UploadPartCopy"),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload"),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload"),
    LIST_PARTS("ListParts"),
    /** A feature trustgate does not implement (tagging, lifecycle, policy...): 501 NotImplemented. */
    NOT_IMPLEMENTED("NotImplemented"),
    /** A method that has no meaning on this resource: 405 MethodNotAllowed. */
    METHOD_NOT_ALLOWED("MethodNotAllowed");

    private final String awsName;

    S3Operation(String awsName) {
        this.awsName = awsName;
    }

    /** The operation's name in the S3 API reference, e.g. {@code PutObject}. */
    public String awsName() {
        return awsName;
    }

    /** True for operations whose request body is object data, streamed rather than aggregated. */
    public boolean streamsBody() {
        return this == PUT_OBJECT || this == UPLOAD_PART;
    }
}
