package io.trustgate.s3.spi;

/**
 * How a backend says an object is encrypted at rest, as S3 reports it on GetObject, HeadObject and PutObject; every
 * field is nullable (not reported). The server writes each set field back as its response header. trustgate's own
 * stores report nothing ({@link #NONE}); an S3 passthrough reports what its upstream answered, so a client that
 * checks them (an SDK comparing the SSE-C key MD5 with its own key) sees the upstream's values.
 *
 * @param algorithm        {@code x-amz-server-side-encryption}: {@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}
 * @param kmsKeyId         {@code x-amz-server-side-encryption-aws-kms-key-id}
 * @param bucketKeyEnabled {@code x-amz-server-side-encryption-bucket-key-enabled}, {@code true} or {@code false}
 * @param customerAlgorithm {@code x-amz-server-side-encryption-customer-algorithm} (SSE-C), {@code AES256}
 * @param customerKeyMd5   {@code x-amz-server-side-encryption-customer-key-MD5} (SSE-C), base64
 */
public record ServerSideEncryption(String algorithm, String kmsKeyId, String bucketKeyEnabled,
                                   String customerAlgorithm, String customerKeyMd5) {

    /** Nothing reported. */
    public static final ServerSideEncryption NONE = new ServerSideEncryption(null, null, null, null, null);

    /** The response header names, in the order of the components. */
    public static final String ALGORITHM_HEADER = "x-amz-server-side-encryption";
    public static final String KMS_KEY_ID_HEADER = "x-amz-server-side-encryption-aws-kms-key-id";
    public static final String BUCKET_KEY_ENABLED_HEADER = "x-amz-server-side-encryption-bucket-key-enabled";
    public static final String CUSTOMER_ALGORITHM_HEADER = "x-amz-server-side-encryption-customer-algorithm";
    public static final String CUSTOMER_KEY_MD5_HEADER = "x-amz-server-side-encryption-customer-key-MD5";

    /** The values of the five headers (each may be null); {@link #NONE} when all are. */
    public static ServerSideEncryption of(String algorithm, String kmsKeyId, String bucketKeyEnabled,
                                          String customerAlgorithm, String customerKeyMd5) {
        ServerSideEncryption e = new ServerSideEncryption(algorithm, kmsKeyId, bucketKeyEnabled, customerAlgorithm,
                customerKeyMd5);
        return e.equals(NONE) ? NONE : e;
    }

    /** Whether any field is set. */
    public boolean reported() {
        return !equals(NONE);
    }
}
