package io.trustgate.redis.spi;

import java.util.List;

/**
 * Hears every in-place change of a mutable value ({@link ListValue}, {@link HashValue}, {@link SetValue},
 * {@link SortedSetValue}), so that an engine can log what changed instead of the whole value. Optional: a value
 * has no journal unless an engine attaches one ({@code attachJournal}), and the command layer never sees it.
 *
 * <p>Each method is called on the mutating thread, right after the change took effect, and only when something
 * changed (adding a member already there calls nothing). Arrays passed in are the value's own: read them during
 * the call or keep them, never modify them. A journal must not change the value it hears from.
 */
public interface ChangeJournal {

    /** An element was pushed at the head ({@code head}) or the tail of a list. */
    default void listPushed(boolean head, byte[] element) {
    }

    /** The head ({@code head}) or tail element of a list was removed. */
    default void listPopped(boolean head) {
    }

    /** A list's whole content was replaced by {@code elements}, head first (LSET, LINSERT, LREM, LTRIM). */
    default void listReplaced(List<byte[]> elements) {
    }

    /** A hash field was set (added or overwritten). */
    default void hashFieldSet(byte[] field, byte[] value) {
    }

    /** A hash field was removed. */
    default void hashFieldRemoved(byte[] field) {
    }

    /** A member was added to a set. */
    default void setMemberAdded(byte[] member) {
    }

    /** A member was removed from a set. */
    default void setMemberRemoved(byte[] member) {
    }

    /** A sorted-set member was added or given a new score. */
    default void sortedSetMemberSet(byte[] member, double score) {
    }

    /** A member was removed from a sorted set. */
    default void sortedSetMemberRemoved(byte[] member) {
    }
}
