package io.trustgate.translators.s3.filesystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;

/**
 * One page of ListObjects over an object tree: a depth-first walk in sort-byte order (which is S3's key order, see
 * {@link KeyEncoding}) that starts at {@code max(marker, prefix)} by seeking in each directory's sorted entries,
 * skips whole subtrees that roll up into one common prefix, and stops after {@code maxKeys} results plus one to
 * tell truncation. A page therefore touches about {@code depth x log(entries) + page size} index entries, however
 * many keys share the prefix; only the objects on the page have their footers read (by the caller).
 *
 * <p>Semantics are those of {@code io.trustgate.s3.spi.ListObjectsRequest}. One instance per page; blocking.
 */
final class ObjectLister {

    /** An object on the page: its key bytes and its file. */
    record Found(byte[] key, Path file) {
    }

    /** The page: objects and common prefixes in order, truncation and the next marker (null unless truncated). */
    record Page(List<Found> objects, List<byte[]> commonPrefixes, boolean truncated, byte[] nextMarker) {
    }

    private final DirectoryIndex index;
    private final byte[] prefix;
    private final byte[] delimiter;
    private final byte[] marker;
    private final byte[] lower;
    private final int maxKeys;

    private final List<Found> objects = new ArrayList<>();
    private final List<byte[]> prefixes = new ArrayList<>();
    private byte[] lastPrefix;
    private byte[] last;
    private boolean truncated;

    private ObjectLister(DirectoryIndex index, byte[] prefix, byte[] delimiter, byte[] marker, int maxKeys) {
        this.index = index;
        this.prefix = prefix;
        this.delimiter = delimiter == null || delimiter.length == 0 ? null : delimiter;
        this.marker = marker;
        this.lower = Arrays.compareUnsigned(marker, prefix) > 0 ? marker : prefix;
        this.maxKeys = maxKeys;
    }

    /**
     * Lists one page of the tree rooted at {@code treeRoot}.
     *
     * @param delimiter null or empty for none
     * @param marker    exclusive start, empty for none
     */
    static Page list(DirectoryIndex index, Path treeRoot, byte[] prefix, byte[] delimiter, byte[] marker,
                     int maxKeys) throws IOException {
        ObjectLister lister = new ObjectLister(index, prefix, delimiter, marker, maxKeys);
        if (maxKeys > 0) {
            lister.walk(treeRoot, new byte[0]);
        }
        return new Page(lister.objects, lister.prefixes, lister.truncated, lister.truncated ? lister.last : null);
    }

    /** Visits the entries of {@code dir}, whose keys all start with {@code base}; false stops the whole walk. */
    private boolean walk(Path dir, byte[] base) throws IOException {
        NavigableSet<TreeEntry> entries = index.entries(dir);
        Iterable<TreeEntry> rest = entries;
        TreeEntry onPath = null;
        if (lower.length > base.length && startsWith(lower, base)) {
            byte[] rem = Arrays.copyOfRange(lower, base.length, lower.length);
            onPath = childOnPath(rem);
            if (onPath != null && entries.contains(onPath) && !visit(dir, base, onPath)) {
                return false;
            }
            rest = entries.tailSet(TreeEntry.probe(rem), true);
        }
        for (TreeEntry e : rest) {
            // the entry on the path was visited above; its sort bytes may equal the bound's remainder
            if ((onPath == null || TreeEntry.ORDER.compare(e, onPath) != 0) && !visit(dir, base, e)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The directory or continuation entry whose sort bytes are a prefix of {@code rem}: the only entry sorting
     * before {@code rem} that may still hold keys at or after it. Null when there is none.
     */
    private static TreeEntry childOnPath(byte[] rem) {
        int slash = indexOf(rem, new byte[] {'/'}, 0);
        int segment = slash < 0 ? rem.length : slash;
        if (segment >= KeyEncoding.CHUNK) {
            return TreeEntry.of(KeyEncoding.CONTINUATION, Arrays.copyOf(rem, KeyEncoding.CHUNK),
                    KeyEncoding.name(KeyEncoding.CONTINUATION, rem, 0, KeyEncoding.CHUNK));
        }
        if (slash >= 0) {
            return TreeEntry.of(KeyEncoding.DIRECTORY, Arrays.copyOf(rem, slash),
                    KeyEncoding.name(KeyEncoding.DIRECTORY, rem, 0, slash));
        }
        return null;
    }

    private boolean visit(Path dir, byte[] base, TreeEntry e) throws IOException {
        byte[] full = concat(base, e.sortKey());
        int m = Math.min(full.length, prefix.length);
        int c = Arrays.compareUnsigned(full, 0, m, prefix, 0, m);
        if (c > 0) {
            return false; // past the prefix: everything after is too
        }
        if (c < 0) {
            return true;
        }
        if (full.length < prefix.length) {
            return e.isObject() || walk(dir.resolve(e.fileName()), full);
        }
        if (e.isObject()) {
            if (full.length == 0 || Arrays.compareUnsigned(full, marker) <= 0) {
                return true;
            }
            byte[] common = rollUp(full, full.length);
            return common != null ? emitPrefix(common) : emitObject(full, dir.resolve(e.fileName()));
        }
        if (!startsWith(marker, full) && Arrays.compareUnsigned(full, marker) < 0) {
            return true; // every key below starts with `full`, which sorts before the marker
        }
        Path child = dir.resolve(e.fileName());
        byte[] common = rollUp(full, full.length);
        if (common != null) {
            // every key below shares this common prefix: list it once (if the subtree holds any object), skip the rest
            if (Arrays.equals(common, lastPrefix) || Arrays.compareUnsigned(common, marker) <= 0
                    || !hasObject(child)) {
                return true;
            }
            return emitPrefix(common);
        }
        return walk(child, full);
    }

    /** The common prefix of keys starting with {@code bytes[0, length)}, when determined by those bytes. */
    private byte[] rollUp(byte[] bytes, int length) {
        if (delimiter == null) {
            return null;
        }
        int at = indexOf(bytes, delimiter, prefix.length);
        if (at < 0 || at + delimiter.length > length) {
            return null;
        }
        return Arrays.copyOf(bytes, at + delimiter.length);
    }

    private boolean hasObject(Path dir) throws IOException {
        NavigableSet<TreeEntry> entries = index.entries(dir);
        for (TreeEntry e : entries) {
            if (e.isObject()) {
                return true;
            }
        }
        // the set is live: an object put since the loop above may show up here, and it is no directory to walk
        for (TreeEntry e : entries) {
            if (e.isObject() || hasObject(dir.resolve(e.fileName()))) {
                return true;
            }
        }
        return false;
    }

    private boolean emitObject(byte[] key, Path file) {
        if (objects.size() + prefixes.size() >= maxKeys) {
            truncated = true;
            return false;
        }
        objects.add(new Found(key, file));
        last = key;
        return true;
    }

    private boolean emitPrefix(byte[] common) {
        if (Arrays.equals(common, lastPrefix) || Arrays.compareUnsigned(common, marker) <= 0) {
            return true;
        }
        if (objects.size() + prefixes.size() >= maxKeys) {
            truncated = true;
            return false;
        }
        prefixes.add(common);
        lastPrefix = common;
        last = common;
        return true;
    }

    static boolean startsWith(byte[] bytes, byte[] start) {
        return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
    }

    static int indexOf(byte[] bytes, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
