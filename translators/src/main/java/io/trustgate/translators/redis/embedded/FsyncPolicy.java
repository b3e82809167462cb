package io.trustgate.translators.redis.embedded;

import java.util.Locale;

/**
 * When the mutation log is flushed to stable storage, like Redis's {@code appendfsync}. Every policy writes each
 * unit's record to the operating system before the unit's reply, so a killed process ({@code kill -9}) loses
 * nothing it acknowledged; the policies differ on a power loss or kernel crash. See docs/embedded-engine.md.
 */
public enum FsyncPolicy {
    /** fsync before the reply (group commit batches concurrent units): no acknowledged write is ever lost. */
    ALWAYS,
    /** fsync about once a second in the background: a power loss may lose the last second or two of writes. */
    EVERYSEC,
    /** never fsync (the OS flushes when it likes, about 30 s on Linux): fastest, weakest on power loss. */
    NO;

    /** The configuration spelling: {@code always}, {@code everysec}, {@code no}. */
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
        throw new IllegalArgumentException("expected one of: always, everysec, no");
    }
}
