package io.trustgate.translators.s3.filesystem;

import java.util.Locale;

/**
 * When the filesystem backend forces writes to stable storage. Under both policies a write becomes visible only by
 * renaming a complete file into place, so a killed process ({@code kill -9}) never exposes a partial object; the
 * policies differ on a power loss or kernel crash. See docs/s3-filesystem.md.
 */
public enum FsyncPolicy {
    /**
     * fsync the file before the rename and its directory after it, before the request is acknowledged: an
     * acknowledged object survives a power loss. The default.
     */
    ALWAYS,
    /**
     * Never fsync; the OS writes back when it likes. A power loss may lose recently acknowledged objects or, on
     * file systems without rename ordering, leave one whose footer fails validation (reported as an error, never
     * served as data).
     */
    NO;

    /** The configuration spelling: {@code always} or {@code no}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; throws IllegalArgumentException naming the choices. */
    public static FsyncPolicy parse(String text) {
        for (FsyncPolicy p : values()) {
            if (p.id().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of: always, no");
    }
}
