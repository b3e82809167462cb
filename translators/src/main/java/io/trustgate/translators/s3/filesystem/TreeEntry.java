package io.trustgate.translators.s3.filesystem;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One file name of an object tree directory, decoded (see {@link KeyEncoding}).
 *
 * @param tag      {@link KeyEncoding#OBJECT}, {@link KeyEncoding#DIRECTORY} or {@link KeyEncoding#CONTINUATION}
 * @param sortKey  the key bytes this entry contributes: the segment, plus {@code /} for a directory
 * @param fileName the name on disk
 */
record TreeEntry(char tag, byte[] sortKey, String fileName) {

    /** Unsigned byte order of {@link #sortKey()}, then tag (ties only arise for lookup probes). */
    static final Comparator<TreeEntry> ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(a.sortKey, b.sortKey);
        return c != 0 ? c : Character.compare(a.tag, b.tag);
    };

    static TreeEntry of(char tag, byte[] segment, String fileName) {
        if (tag == KeyEncoding.DIRECTORY) {
            byte[] k = Arrays.copyOf(segment, segment.length + 1);
            k[segment.length] = '/';
            return new TreeEntry(tag, k, fileName);
        }
        return new TreeEntry(tag, segment, fileName);
    }

    /** A probe that sorts before every entry whose sort key is {@code >= sortKey}. */
    static TreeEntry probe(byte[] sortKey) {
        return new TreeEntry('\0', sortKey, null);
    }

    boolean isObject() {
        return tag == KeyEncoding.OBJECT;
    }
}
