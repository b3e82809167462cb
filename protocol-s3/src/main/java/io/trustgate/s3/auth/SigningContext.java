package io.trustgate.s3.auth;

/**
 * What the chunk and trailer signatures of an aws-chunked body are chained from: the derived signing key, the
 * request's (seed) signature, the credential scope and the request timestamp. Opaque outside this package; holds
 * key material, so it is never logged ({@link #toString()} says nothing).
 */
public final class SigningContext {

    private final byte[] signingKey;
    private final String seedSignature;
    private final String scope;
    private final String amzDate;

    SigningContext(byte[] signingKey, String seedSignature, String scope, String amzDate) {
        this.signingKey = signingKey;
        this.seedSignature = seedSignature;
        this.scope = scope;
        this.amzDate = amzDate;
    }

    byte[] signingKey() {
        return signingKey;
    }

    String seedSignature() {
        return seedSignature;
    }

    String scope() {
        return scope;
    }

    String amzDate() {
        return amzDate;
    }

    @Override
    public String toString() {
        return "SigningContext[scope=" + scope + "]";
    }
}
