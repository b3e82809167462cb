package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Element operations on lists (pushes and pops, LLEN, LRANGE, and edits in the middle: LSET, LINSERT, LREM, LTRIM)
 * of a {@link Keyspace}. Each has a default that works on the whole value through {@link #get} and {@link #put};
 * an engine that stores the collection as rows overrides them. The contract common to all of them is on {@link
 * Keyspace}.
 */
public interface ListKeyspace extends ValueStore {

    /**
     * Pushes the elements one by one at the head (each becomes the new head, as LPUSH) or at the tail (as RPUSH);
     * returns the new length.
     */
    default long listPush(byte[] key, boolean head, List<byte[]> elements) {
        Entry e = get(key);
        ListValue l = e == null ? new ListValue() : (ListValue) e.value();
        for (byte[] element : elements) {
            if (head) {
                l.addFirst(element);
            } else {
                l.addLast(element);
            }
        }
        put(key, l, e == null ? Entry.NO_EXPIRY : e.expireAt());
        return l.size();
    }

    /** Removes up to {@code count} elements from the head or the tail and returns them in the order popped. */
    default List<byte[]> listPop(byte[] key, boolean head, long count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        ListValue l = (ListValue) e.value();
        while (out.size() < count && l.size() > 0) {
            out.add(head ? l.pollFirst() : l.pollLast());
        }
        if (!out.isEmpty()) {
            WholeValues.storeOrDelete(this, key, l, l.size(), e);
        }
        return out;
    }

    /** Number of elements, 0 when absent. */
    default long listLength(byte[] key) {
        Entry e = get(key);
        return e == null ? 0 : ((ListValue) e.value()).size();
    }

    /** Elements {@code from} to {@code to} inclusive, counted from the head: {@code 0 <= from <= to < length}. */
    default List<byte[]> listRange(byte[] key, long from, long to) {
        return ((ListValue) get(key).value()).range((int) from, (int) to);
    }

    /** Replaces the element at {@code index} ({@code 0 <= index < length}, from the head), as LSET. */
    default void listSet(byte[] key, long index, byte[] element) {
        Entry e = get(key);
        ListValue l = (ListValue) e.value();
        List<byte[]> all = l.toList();
        all.set((int) index, element);
        l.replaceWith(all);
        put(key, l, e.expireAt());
    }

    /**
     * Inserts {@code element} before or after the first element equal to {@code pivot}, as LINSERT; returns the
     * new length, or -1 when no element equals {@code pivot} (the list is then unchanged). The key exists.
     */
    default long listInsert(byte[] key, byte[] pivot, byte[] element, boolean after) {
        Entry e = get(key);
        ListValue l = (ListValue) e.value();
        List<byte[]> all = l.toList();
        for (int i = 0; i < all.size(); i++) {
            if (Arrays.equals(all.get(i), pivot)) {
                all.add(after ? i + 1 : i, element);
                l.replaceWith(all);
                put(key, l, e.expireAt());
                return l.size();
            }
        }
        return -1;
    }

    /**
     * Removes elements equal to {@code element}, as LREM: the first {@code count} from the head when
     * {@code count > 0}, the last {@code -count} from the tail when negative, all when 0; returns how many were
     * removed and deletes an emptied list.
     */
    default long listRemove(byte[] key, long count, byte[] element) {
        Entry e = get(key);
        if (e == null) {
            return 0;
        }
        ListValue l = (ListValue) e.value();
        List<byte[]> all = l.toList();
        long removed = 0;
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        if (count >= 0) {
            for (int i = 0; i < all.size() && removed < limit; ) {
                if (Arrays.equals(all.get(i), element)) {
                    all.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = all.size() - 1; i >= 0 && removed < limit; i--) {
                if (Arrays.equals(all.get(i), element)) {
                    all.remove(i);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            l.replaceWith(all);
            WholeValues.storeOrDelete(this, key, l, l.size(), e);
        }
        return removed;
    }

    /**
     * Keeps only the elements {@code from} to {@code to} inclusive ({@code 0 <= from <= to < length}), as LTRIM
     * with a non-empty result (an empty one is a {@link #delete}).
     */
    default void listTrim(byte[] key, long from, long to) {
        Entry e = get(key);
        ListValue l = (ListValue) e.value();
        if (from == 0 && to == l.size() - 1) {
            return;
        }
        l.replaceWith(new ArrayList<>(l.toList().subList((int) from, (int) to + 1)));
        put(key, l, e.expireAt());
    }
}
