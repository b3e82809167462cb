package io.trustgate.s3.spi;

/**
 * Optional features a {@link BlobStore} declares in {@link BlobStore#capabilities()}. Everything not listed here
 * (buckets, list, head, get, put, delete) every backend must do.
 */
public enum BlobCapability {
    /** Create/upload part/complete/abort/list parts/list uploads. */
    MULTIPART("multipart upload"),
    /** {@link BlobStore#copyObject} without streaming through the server; otherwise the server streams. */
    SERVER_SIDE_COPY("server-side copy"),
    /**
     * {@link BlobStore#uploadPartCopy} inside the backend (UploadPartCopy with source and upload on one backend).
     * The SPI's default emulates it by reading the source and writing the part through the gateway.
     */
    PART_COPY("upload part copy"),
    /** {@link BlobReader#localFile()} is offered for sendfile. */
    ZERO_COPY_READ("zero-copy read"),
    /** {@link WriteConditions} are checked atomically with the write (If-None-Match: *, If-Match). */
    CONDITIONAL_WRITES("conditional writes"),
    /**
     * {@link DeleteCondition}s (DeleteObject {@code If-Match}, DeleteObjects {@code <ETag>}) are checked atomically
     * with the delete; without it the conditional forms are refused with {@code 501 NotImplemented}.
     */
    CONDITIONAL_DELETES("conditional deletes"),
    /** {@code x-amz-meta-*} and content headers are stored and returned. */
    USER_METADATA("user metadata"),
    /** {@code x-amz-checksum-*} values are stored and returned. */
    CHECKSUMS("stored checksums"),
    /** CreateBucket / DeleteBucket. */
    BUCKET_MANAGEMENT("bucket create and delete"),
    /**
     * GetObject / HeadObject of objects stored with a customer-provided key (SSE-C): the store takes the
     * {@link CustomerKey} in {@link ReadHints} through {@link LoopLocalObjects}. Without it the server knows that no
     * object of the store is SSE-C encrypted and answers such reads {@code 400 InvalidRequest}, as AWS answers
     * them for an object stored without SSE-C.
     */
    CUSTOMER_KEY_READS("reads with customer-provided keys (SSE-C)");

    private final String description;

    BlobCapability(String description) {
        this.description = description;
    }

    /** Noun phrase used in refusals and docs. */
    public String description() {
        return description;
    }
}
