package io.trustgate.s3.route;

import org.junit.jupiter.api.Test;

import static io.trustgate.s3.route.S3Operation.*;
import static org.assertj.core.api.Assertions.assertThat;

class S3RequestClassifierTest {

    private static S3Operation op(String method, String bucket, String key, String query) {
        return S3RequestClassifier.classify(method, bucket, key, QueryParams.parse(query), false);
    }

    @Test
    void classifiesServiceAndBucketOperations() {
        assertThat(op("GET", null, null, "")).isEqualTo(LIST_BUCKETS);
        assertThat(op("PUT", "b", null, "")).isEqualTo(CREATE_BUCKET);
        assertThat(op("DELETE", "b", null, "")).isEqualTo(DELETE_BUCKET);
        assertThat(op("HEAD", "b", null, "")).isEqualTo(HEAD_BUCKET);
        assertThat(op("GET", "b", null, "location")).isEqualTo(GET_BUCKET_LOCATION);
        assertThat(op("GET", "b", null, "list-type=2&prefix=a")).isEqualTo(LIST_OBJECTS_V2);
        assertThat(op("GET", "b", null, "prefix=a")).isEqualTo(LIST_OBJECTS);
        assertThat(op("GET", "b", null, "versions")).isEqualTo(LIST_OBJECT_VERSIONS);
        assertThat(op("GET", "b", null, "uploads")).isEqualTo(LIST_MULTIPART_UPLOADS);
        assertThat(op("POST", "b", null, "delete")).isEqualTo(DELETE_OBJECTS);
    }

    @Test
    void classifiesObjectAndMultipartOperations() {
        assertThat(op("GET", "b", "k", "")).isEqualTo(GET_OBJECT);
        assertThat(op("PUT", "b", "k", "")).isEqualTo(PUT_OBJECT);
        assertThat(S3RequestClassifier.classify("PUT", "b", "k", QueryParams.parse(""), true)).isEqualTo(COPY_OBJECT);
        assertThat(op("POST", "b", "k", "uploads")).isEqualTo(CREATE_MULTIPART_UPLOAD);
        assertThat(op("PUT", "b", "k", "partNumber=1&uploadId=u")).isEqualTo(UPLOAD_PART);
        assertThat(S3RequestClassifier.classify("PUT", "b", "k", QueryParams.parse("partNumber=1&uploadId=u"), true))
                .isEqualTo(UPLOAD_PART_COPY);
        assertThat(op("POST", "b", "k", "uploadId=u")).isEqualTo(COMPLETE_MULTIPART_UPLOAD);
        assertThat(op("DELETE", "b", "k", "uploadId=u")).isEqualTo(ABORT_MULTIPART_UPLOAD);
        assertThat(op("GET", "b", "k", "uploadId=u")).isEqualTo(LIST_PARTS);
        assertThat(op("DELETE", "b", "k", "")).isEqualTo(DELETE_OBJECT);
    }

    @Test
    void unsupportedSubresourcesAreNotImplemented() {
        assertThat(op("PUT", "b", "k", "tagging")).isEqualTo(NOT_IMPLEMENTED);
        assertThat(op("GET", "b", null, "lifecycle")).isEqualTo(NOT_IMPLEMENTED);
        assertThat(op("PUT", "b", null, "policy")).isEqualTo(NOT_IMPLEMENTED);
        assertThat(op("PUT", "b", null, "object-lock")).isEqualTo(NOT_IMPLEMENTED);
        assertThat(op("PUT", "b", null, "versioning")).isEqualTo(NOT_IMPLEMENTED);
        assertThat(op("PATCH", "b", "k", "")).isEqualTo(METHOD_NOT_ALLOWED);
    }
}
