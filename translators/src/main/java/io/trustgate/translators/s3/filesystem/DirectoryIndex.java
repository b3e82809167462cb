package io.trustgate.translators.s3.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The decoded, sorted entries of object-tree directories, read once per directory and then kept in step with every
 * change this process makes. Listing a page therefore costs a seek in a sorted set per level, not a directory scan.
 *
 * <p>Coherence rests on two facts: only this process changes the tree (the store's {@code .lock}), and every change
 * is followed by {@link #refresh}, which re-reads the state of that one name from disk while holding the map's lock
 * for the directory. Whichever refresh of a name runs last therefore sees the final state, however a change and a
 * directory load interleave. Files that are not tree names (temp files never live here) are ignored.
 *
 * <p>Memory: one entry per name of a listed directory. When more than {@code maxDirectories} directories are
 * cached, the cache is dropped and reloads lazily. Threading: called from the store's IO threads; may block.
 */
final class DirectoryIndex {

    private final ConcurrentHashMap<Path, NavigableSet<TreeEntry>> directories = new ConcurrentHashMap<>();
    private final int maxDirectories;

    DirectoryIndex(int maxDirectories) {
        this.maxDirectories = maxDirectories;
    }

    /** The sorted entries of {@code dir}; empty (and not cached) when it does not exist. Live view, do not modify. */
    NavigableSet<TreeEntry> entries(Path dir) throws IOException {
        NavigableSet<TreeEntry> cached = directories.get(dir);
        if (cached != null) {
            return cached;
        }
        if (directories.size() >= maxDirectories) {
            directories.clear();
        }
        try {
            return directories.computeIfAbsent(dir, DirectoryIndex::load);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return Collections.emptyNavigableSet();
            }
            throw e.getCause();
        }
    }

    /** Brings the cached entry for {@code dir/fileName} in line with the disk, if {@code dir} is cached. */
    void refresh(Path dir, String fileName) {
        directories.computeIfPresent(dir, (d, set) -> {
            TreeEntry entry = KeyEncoding.parse(fileName);
            if (entry != null) {
                if (Files.exists(d.resolve(fileName), LinkOption.NOFOLLOW_LINKS)) {
                    set.add(entry);
                } else {
                    set.remove(entry);
                }
            }
            return set;
        });
    }

    /** Forgets every cached directory under {@code root} (a bucket being deleted). */
    void forgetUnder(Path root) {
        directories.keySet().removeIf(p -> p.startsWith(root));
    }

    private static NavigableSet<TreeEntry> load(Path dir) {
        NavigableSet<TreeEntry> set = new ConcurrentSkipListSet<>(TreeEntry.ORDER);
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
            for (Path p : names) {
                TreeEntry e = KeyEncoding.parse(p.getFileName().toString());
                if (e != null) {
                    set.add(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return set;
    }
}
