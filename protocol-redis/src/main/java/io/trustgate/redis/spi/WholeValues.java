package io.trustgate.redis.spi;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Helpers of the whole-value defaults in {@link HashKeyspace}, {@link ListKeyspace}, {@link SetKeyspace} and
 *  {@link SortedSetKeyspace}. */
final class WholeValues {

    private WholeValues() {
    }

    /** Writes back a changed collection of {@code size} elements, or deletes the key when it became empty. */
    static void storeOrDelete(ValueStore store, byte[] key, KeyspaceValue value, int size, Entry old) {
        if (size == 0) {
            store.delete(key);
        } else {
            store.put(key, value, old.expireAt());
        }
    }

    /**
     * {@code min(count, size)} distinct indexes below {@code size}, uniformly at random (a partial shuffle). A few
     * picks from a large collection shuffle a virtual array, remembering only the slots moved, so ZRANDMEMBER on a
     * large set costs its count, not the set's size.
     */
    static int[] sample(int size, long count) {
        int n = (int) Math.min(count, size);
        if ((long) n * 4 < size) {
            Map<Integer, Integer> moved = new HashMap<>();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                int j = i + ThreadLocalRandom.current().nextInt(size - i);
                out[i] = moved.getOrDefault(j, j);
                moved.put(j, moved.getOrDefault(i, i));
            }
            return out;
        }
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + ThreadLocalRandom.current().nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, n);
    }
}
