package io.trustgate.translators.s3.azure;

import io.trustgate.s3.spi.BlobStoreException;

/**
 * Which S3 keys can be Azure blob names. Azure reads a backslash as {@code /}, so {@code a\b} would silently be
 * {@code a/b}: such keys are refused on writes, absent on reads and a no-op on delete ({@link #readsAsAnotherName}).
 * Azure's naming rules also exclude control characters and code points that are not valid Unicode characters; a
 * blob whose name holds one may be written, but every listing of its container then fails (Azurite answers 500),
 * so such keys are refused on writes too ({@link #writeRefusal}), while reads and deletes still reach a blob an
 * older version stored, so it can be removed.
 */
final class BlobNames {

    private BlobNames() {
    }

    /** True when Azure would take the key for another name (it holds a backslash). */
    static boolean readsAsAnotherName(String key) {
        return key.indexOf('\\') >= 0;
    }

    /** The 400 InvalidArgument a write of {@code key} gets on the azure backend, or null when it can be written. */
    static BlobStoreException writeRefusal(String key) {
        if (readsAsAnotherName(key)) {
            return new BlobStoreException("InvalidArgument", 400, "Object keys with a backslash cannot be stored on "
                    + "the azure backend: Azure Blob Storage reads '\\' in a blob name as '/'.");
        }
        int bad = unlistable(key);
        if (bad >= 0) {
            return new BlobStoreException("InvalidArgument", 400, String.format("Object keys with the character "
                    + "U+%04X cannot be stored on the azure backend: Azure Blob Storage does not allow control "
                    + "characters (U+0000-U+001F, U+007F-U+009F), U+FFFE, U+FFFF or unpaired surrogates in a "
                    + "blob name.", bad));
        }
        return null;
    }

    /** The first code unit of {@code key} Azure cannot list, or -1. */
    static int unlistable(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= 0x1F || c >= 0x7F && c <= 0x9F || c == 0xFFFE || c == 0xFFFF) {
                return c;
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return c;
            }
        }
        return -1;
    }
}
