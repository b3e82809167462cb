package io.trustgate.redis.passthrough;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which master serves each of the 16384 hash slots. Immutable: a MOVED redirect makes a copy with one slot
 * changed, a topology refresh makes a new one. Thread-safe.
 *
 * <p>Masters are numbered in a stable order (sorted by host, then port, when built from {@code CLUSTER SLOTS};
 * a master first heard of in a MOVED is appended). The number is what a cluster-wide SCAN cursor carries.
 */
final class SlotMap {

    private static final Comparator<InetSocketAddress> ORDER = Comparator
            .comparing(InetSocketAddress::getHostString).thenComparingInt(InetSocketAddress::getPort);

    /** One contiguous run of slots {@code [start, end]} served by {@code node}. */
    record Range(int start, int end, InetSocketAddress node) {
    }

    private final InetSocketAddress[] masters;
    /** Index into {@link #masters} per slot, -1 when no master serves it. */
    private final short[] owners;
    private final int covered;

    private SlotMap(InetSocketAddress[] masters, short[] owners) {
        this.masters = masters;
        this.owners = owners;
        int n = 0;
        for (short o : owners) {
            if (o >= 0) {
                n++;
            }
        }
        this.covered = n;
    }

    /** A map from {@code CLUSTER SLOTS}-style ranges; later ranges win where they overlap. */
    static SlotMap of(List<Range> ranges) {
        List<InetSocketAddress> nodes = new ArrayList<>();
        for (Range r : ranges) {
            if (!nodes.contains(r.node())) {
                nodes.add(r.node());
            }
        }
        nodes.sort(ORDER);
        short[] owners = new short[SlotHash.SLOTS];
        Arrays.fill(owners, (short) -1);
        for (Range r : ranges) {
            if (r.start() < 0 || r.end() >= SlotHash.SLOTS || r.start() > r.end()) {
                throw new IllegalArgumentException("slot range out of bounds: " + r.start() + "-" + r.end());
            }
            Arrays.fill(owners, r.start(), r.end() + 1, (short) nodes.indexOf(r.node()));
        }
        return new SlotMap(nodes.toArray(new InetSocketAddress[0]), owners);
    }

    /** The master serving {@code slot}, or null when none does. */
    InetSocketAddress owner(int slot) {
        int o = owners[slot];
        return o < 0 ? null : masters[o];
    }

    /** The master that answers commands without keys: master number 0. Null only for an empty map. */
    InetSocketAddress first() {
        return masters.length == 0 ? null : masters[0];
    }

    int masterCount() {
        return masters.length;
    }

    InetSocketAddress master(int index) {
        return masters[index];
    }

    List<InetSocketAddress> masters() {
        return List.of(masters);
    }

    boolean coversAll() {
        return covered == SlotHash.SLOTS;
    }

    /** This map with {@code slot} served by {@code node} (after a MOVED); this map itself if it already is. */
    SlotMap withOwner(int slot, InetSocketAddress node) {
        int index = -1;
        for (int i = 0; i < masters.length; i++) {
            if (masters[i].equals(node)) {
                index = i;
                break;
            }
        }
        if (index >= 0 && owners[slot] == index) {
            return this;
        }
        InetSocketAddress[] m = masters;
        if (index < 0) {
            m = Arrays.copyOf(masters, masters.length + 1);
            index = masters.length;
            m[index] = node;
        }
        short[] o = owners.clone();
        o[slot] = (short) index;
        return new SlotMap(m, o);
    }

    /** The map as ranges, merged where neighbouring slots share a master. */
    List<Range> ranges() {
        List<Range> out = new ArrayList<>();
        int start = 0;
        for (int s = 1; s <= SlotHash.SLOTS; s++) {
            if (s == SlotHash.SLOTS || owners[s] != owners[start]) {
                if (owners[start] >= 0) {
                    out.add(new Range(start, s - 1, masters[owners[start]]));
                }
                start = s;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SlotMap" + ranges();
    }
}
