package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.KeyspaceTransaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The modification stamps of the keys a client WATCHed, taken by {@link KeyspaceCommandExecutor#watch}. Immutable;
 * several WATCH calls (also on different databases) combine with {@link #plus}. EXEC aborts when any key's stamp
 * differs, which covers writes, expiry changes, deletion, expiry and flushes. A key that did not exist at WATCH
 * and does not exist at EXEC counts as unchanged, even if it was created and deleted in between.
 */
public final class WatchSnapshot {

    /** A snapshot whose check always fails, used when the engine could not be read at WATCH time. */
    static final WatchSnapshot BROKEN = new WatchSnapshot(List.of(), true);

    record Watched(int db, byte[] key, long stamp) {
    }

    private final List<Watched> keys;
    private final boolean broken;

    WatchSnapshot(List<Watched> keys) {
        this(keys, false);
    }

    private WatchSnapshot(List<Watched> keys, boolean broken) {
        this.keys = Collections.unmodifiableList(keys);
        this.broken = broken;
    }

    /** This snapshot and {@code other} together, as after two WATCH commands. */
    public WatchSnapshot plus(WatchSnapshot other) {
        List<Watched> all = new ArrayList<>(keys.size() + other.keys.size());
        all.addAll(keys);
        all.addAll(other.keys);
        return new WatchSnapshot(all, broken || other.broken);
    }

    /** Number of watched keys (a key watched twice counts twice). */
    public int size() {
        return keys.size();
    }

    /** Run inside the EXEC unit: true when a watched key changed since the snapshot. */
    boolean changedIn(KeyspaceTransaction tx) {
        if (broken) {
            return true;
        }
        for (Watched w : keys) {
            if (tx.db(w.db()).stamp(w.key()) != w.stamp()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "WatchSnapshot[" + keys.size() + " keys" + (broken ? ", broken" : "") + "]";
    }
}
