package io.trustgate.s3.spi;

/**
 * Conditions of a conditional write (PutObject, CompleteMultipartUpload, CopyObject destination), checked by the
 * backend atomically with the write.
 *
 * <ul>
 *   <li>{@code ifNoneMatchAny} ({@code If-None-Match: *}): the key must not exist, else {@code PreconditionFailed}.
 *   <li>{@code ifMatch} (bare ETag): the key must exist ({@code NoSuchKey} otherwise) with that ETag
 *       ({@code PreconditionFailed} otherwise).
 *   <li>A concurrent write to the same key that wins the race while this one is in flight makes this one fail
 *       with {@code ConditionalRequestConflict}, when the backend can tell.
 * </ul>
 *
 * @param ifMatch        bare ETag or null
 * @param ifNoneMatchAny true for {@code If-None-Match: *}
 */
public record WriteConditions(String ifMatch, boolean ifNoneMatchAny) {

    /** No condition. */
    public static final WriteConditions NONE = new WriteConditions(null, false);

    public boolean isNone() {
        return ifMatch == null && !ifNoneMatchAny;
    }
}
