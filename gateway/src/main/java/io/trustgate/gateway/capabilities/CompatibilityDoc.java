package io.trustgate.gateway.capabilities;

/**
 * The whole of {@code docs/compatibility.md}: the Redis command matrix, then the S3 operation matrix, each rendered
 * by its own writer from its own declarations. Stateless.
 */
final class CompatibilityDoc {

    private CompatibilityDoc() {
    }

    /** The document for the backend kinds (what is committed). */
    static String markdown() {
        return markdown(CompatibilityMatrix.ofKinds(), S3Matrix.ofKinds());
    }

    /** Either part may be null (left out, e.g. by {@code --protocol}). */
    static String markdown(CompatibilityMatrix redis, S3Matrix s3) {
        StringBuilder out = new StringBuilder();
        if (redis != null) {
            out.append(MatrixWriter.markdown(redis));
        }
        if (s3 != null) {
            out.append(S3MatrixWriter.markdown(s3));
        }
        return out.toString();
    }
}
