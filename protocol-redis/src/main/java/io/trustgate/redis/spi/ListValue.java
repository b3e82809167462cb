package io.trustgate.redis.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A Redis list of byte strings. Unlike {@link StringValue} it is mutable, so a push does not copy the list:
 * a list obtained from {@link Keyspace#get} may be changed in place inside the same unit of work, and must then
 * be stored back with {@link Keyspace#put} (which gives the key its new stamp; a serializing engine writes it
 * there). Elements are shared arrays that nobody modifies. An empty list is never stored: Redis deletes the key.
 */
public final class ListValue implements KeyspaceValue {

    private final ArrayDeque<byte[]> elements;
    private ChangeJournal journal;

    public ListValue() {
        this.elements = new ArrayDeque<>();
    }

    private ListValue(ArrayDeque<byte[]> elements) {
        this.elements = elements;
    }

    public int size() {
        return elements.size();
    }

    public void addFirst(byte[] element) {
        elements.addFirst(element);
        if (journal != null) {
            journal.listPushed(true, element);
        }
    }

    public void addLast(byte[] element) {
        elements.addLast(element);
        if (journal != null) {
            journal.listPushed(false, element);
        }
    }

    /** Removes and returns the head, or null when empty. */
    public byte[] pollFirst() {
        byte[] e = elements.pollFirst();
        if (e != null && journal != null) {
            journal.listPopped(true);
        }
        return e;
    }

    /** Removes and returns the tail, or null when empty. */
    public byte[] pollLast() {
        byte[] e = elements.pollLast();
        if (e != null && journal != null) {
            journal.listPopped(false);
        }
        return e;
    }

    /** Elements {@code from} to {@code to} inclusive, {@code 0 <= from <= to < size()}. */
    public List<byte[]> range(int from, int to) {
        List<byte[]> out = new ArrayList<>(to - from + 1);
        Iterator<byte[]> it = elements.iterator();
        for (int i = 0; i <= to; i++) {
            byte[] e = it.next();
            if (i >= from) {
                out.add(e);
            }
        }
        return out;
    }

    /** A copy of every element, head first: for the commands that edit the middle (LSET, LINSERT, LREM...). */
    public List<byte[]> toList() {
        return new ArrayList<>(elements);
    }

    /** Replaces the whole content, head first (the list is copied). */
    public void replaceWith(List<byte[]> newElements) {
        elements.clear();
        elements.addAll(newElements);
        if (journal != null) {
            journal.listReplaced(newElements);
        }
    }

    /**
     * Makes {@code journal} hear every later change of this list (null detaches). For engines that log changes;
     * a {@link #copy()} starts without one.
     */
    public void attachJournal(ChangeJournal journal) {
        this.journal = journal;
    }

    /** The journal attached by {@link #attachJournal}, or null. */
    public ChangeJournal journal() {
        return journal;
    }

    @Override
    public ValueType type() {
        return ValueType.LIST;
    }

    @Override
    public ListValue copy() {
        return new ListValue(new ArrayDeque<>(elements));
    }

    @Override
    public String toString() {
        return "ListValue[" + elements.size() + " elements]";
    }
}
