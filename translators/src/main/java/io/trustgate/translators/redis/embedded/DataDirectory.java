package io.trustgate.translators.redis.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of one embedded engine: {@code LOCK} (held with an OS file lock while the engine runs, so two
 * processes never share a directory), {@code snapshot-NNNNNNNNNN.snap} and {@code log-NNNNNNNNNN.aof}, numbered
 * by generation. A snapshot of generation g plus the logs of generations {@code >= g} is the whole state.
 */
final class DataDirectory implements AutoCloseable {

    private static final Pattern FILE = Pattern.compile("(snapshot|log)-(\\d{10})\\.(snap|aof)");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it; fails when another engine holds it. */
    static DataDirectory open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("data directory " + dir.toAbsolutePath()
                    + " is in use by another embedded backend, in this process or another (LOCK is held); one"
                    + " gateway instance per data directory");
        }
        return new DataDirectory(dir, ch, lock);
    }

    Path path() {
        return dir;
    }

    Path snapshot(long gen) {
        return dir.resolve(String.format("snapshot-%010d.snap", gen));
    }

    Path log(long gen) {
        return dir.resolve(String.format("log-%010d.aof", gen));
    }

    /** Generations present, by kind ("snapshot" or "log"), ascending. */
    TreeMap<Long, Path> list(String kind) throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).equals(kind)) {
                    out.put(Long.parseLong(m.group(2)), f);
                }
            }
        }
        return out;
    }

    /** Deletes snapshots and logs older than {@code gen}, and leftover temporary files. */
    void deleteBefore(long gen) throws IOException {
        List<Path> doomed = new ArrayList<>();
        doomed.addAll(list("snapshot").headMap(gen).values());
        doomed.addAll(list("log").headMap(gen).values());
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*.tmp")) {
            tmp.forEach(doomed::add);
        }
        for (Path p : doomed) {
            Files.deleteIfExists(p);
        }
        fsyncDirectory(dir);
    }

    /** Makes renames and creations in {@code dir} durable (a no-op where the OS cannot open directories). */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
