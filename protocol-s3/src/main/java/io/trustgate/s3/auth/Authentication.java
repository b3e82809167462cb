package io.trustgate.s3.auth;

/**
 * The outcome of a successful {@link SigV4Verifier#verify}: who signed, and how the body must be checked.
 *
 * @param accessKeyId      the verified access key id; {@code null} when {@link #anonymous()}
 * @param payloadMode      how the body is protected; decides between {@link PayloadHashVerifier},
 *                         {@link AwsChunkedDecoder} or nothing
 * @param payloadSha256Hex the lower-case hex digest when {@code payloadMode == SHA256}, else {@code null}
 * @param presigned        true when authenticated by a presigned query string
 * @param region           the region of the credential scope; {@code null} when anonymous
 * @param signing          chaining state for chunk/trailer signatures; {@code null} when anonymous. Opaque.
 */
public record Authentication(String accessKeyId, PayloadMode payloadMode, String payloadSha256Hex,
                             boolean presigned, String region, SigningContext signing) {

    private static final Authentication ANONYMOUS =
            new Authentication(null, PayloadMode.UNSIGNED_PAYLOAD, null, false, null, null);

    /** A request with no signature at all; the server decides whether the bucket allows it (public-read). */
    public static Authentication anonymous() {
        return ANONYMOUS;
    }

    /** An anonymous request whose body still declares a hash or an unsigned aws-chunked encoding. */
    static Authentication anonymous(PayloadMode mode, String sha256Hex) {
        return new Authentication(null, mode, sha256Hex, false, null, null);
    }

    public boolean isAnonymous() {
        return accessKeyId == null;
    }

    @Override
    public String toString() {
        return "Authentication[accessKeyId=" + accessKeyId + ", payloadMode=" + payloadMode
                + ", presigned=" + presigned + ", region=" + region + "]";
    }
}
