package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The set operations of SINTER, SUNION and SDIFF (and their STORE forms, and SINTERCARD for the first). */
public enum SetAlgebra {
    /** The members in every set (SINTER). */
    INTER,
    /** The members in any set (SUNION). */
    UNION,
    /** The members of the first set in none of the others (SDIFF). */
    DIFF;

    /**
     * This operation over whole sets, null standing for a missing key (an empty set); with {@code limit > 0} an
     * intersection stops after that many members (SINTERCARD's LIMIT). The sets are not changed.
     */
    public SetValue apply(List<SetValue> sets, long limit) {
        SetValue out = new SetValue();
        switch (this) {
            case INTER -> {
                if (sets.contains(null)) {
                    return out;
                }
                List<SetValue> bySize = new ArrayList<>(sets);
                bySize.sort(Comparator.comparingInt(SetValue::size));
                for (byte[] m : bySize.get(0).members()) {
                    boolean everywhere = true;
                    for (int i = 1; i < bySize.size() && everywhere; i++) {
                        everywhere = bySize.get(i).contains(m);
                    }
                    if (everywhere) {
                        out.add(m);
                        if (limit > 0 && out.size() >= limit) {
                            break;
                        }
                    }
                }
            }
            case UNION -> {
                for (SetValue s : sets) {
                    if (s != null) {
                        s.members().forEach(out::add);
                    }
                }
            }
            case DIFF -> {
                if (sets.get(0) == null) {
                    return out;
                }
                for (byte[] m : sets.get(0).members()) {
                    boolean elsewhere = false;
                    for (int i = 1; i < sets.size() && !elsewhere; i++) {
                        elsewhere = sets.get(i) != null && sets.get(i).contains(m);
                    }
                    if (!elsewhere) {
                        out.add(m);
                    }
                }
            }
            default -> throw new AssertionError(this);
        }
        return out;
    }
}
