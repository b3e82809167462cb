package io.trustgate.s3.spi;

/**
 * The condition of a conditional delete (DeleteObject with {@code If-Match}, a DeleteObjects entry with
 * {@code <ETag>}), checked by the backend atomically with the delete: a write that lands between the check and
 * the removal must not be deleted.
 *
 * <ul>
 *   <li>{@code ifMatch} {@code "*"}: the key must exist, else {@code NoSuchKey} (404), and nothing happens.
 *   <li>{@code ifMatch} a bare ETag: the key must exist ({@code NoSuchKey} otherwise) with that ETag
 *       ({@code PreconditionFailed}, 412, otherwise, and the object stays).
 *   <li>A concurrent write or delete of the key that the backend sees racing this one may instead make it fail
 *       with {@code ConditionalRequestConflict} (409) or {@code NoSuchKey}; it never deletes a version the
 *       condition did not hold for.
 * </ul>
 *
 * @param ifMatch bare ETag, {@code "*"}, or null for no condition
 */
public record DeleteCondition(String ifMatch) {

    /** No condition: the plain S3 delete, which succeeds for a missing key. */
    public static final DeleteCondition NONE = new DeleteCondition(null);

    /** The condition of an {@code If-Match} header or {@code <ETag>} value as a client sends it (quoted or not). */
    public static DeleteCondition ifMatch(String value) {
        if (value == null) {
            return NONE;
        }
        String v = value.trim();
        return new DeleteCondition(v.equals("*") ? "*" : ETags.bare(v));
    }

    public boolean isNone() {
        return ifMatch == null;
    }

    /** True for {@code If-Match: *}: any existing version. */
    public boolean anyVersion() {
        return "*".equals(ifMatch);
    }

    /**
     * Checks the condition against the current version's ETag ({@code null} when the key is absent): throws
     * {@code NoSuchKey} or {@code PreconditionFailed} when it does not hold, returns when it does (always for
     * {@link #NONE}).
     */
    public void check(String currentEtag, String key) {
        if (isNone()) {
            return;
        }
        if (currentEtag == null) {
            throw BlobStoreException.noSuchKey(key);
        }
        if (!anyVersion() && !ifMatch.equals(currentEtag)) {
            throw BlobStoreException.preconditionFailed();
        }
    }
}
