package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;

/**
 * A Redis set of byte strings. Like {@link ListValue} it is mutable: a set obtained from {@link Keyspace#get} may
 * be changed in place inside the same unit of work and must then be stored back with {@link Keyspace#put}.
 * Members are also reachable by position ({@link #member(int)}, {@code 0 <= i < size()}) so that SPOP and
 * SRANDMEMBER pick at random in constant time; positions change when members are removed. The order of
 * {@link #members()} is unspecified, as in Redis. An empty set is never stored: Redis deletes the key.
 */
public final class SetValue implements KeyspaceValue {

    private final ArrayList<byte[]> members;
    private final HashMap<Bytes, Integer> index;
    private ChangeJournal journal;

    public SetValue() {
        this(new ArrayList<>(), new HashMap<>());
    }

    private SetValue(ArrayList<byte[]> members, HashMap<Bytes, Integer> index) {
        this.members = members;
        this.index = index;
    }

    public int size() {
        return members.size();
    }

    public boolean contains(byte[] member) {
        return index.containsKey(new Bytes(member));
    }

    /** Adds a member; returns false when it was already there. */
    public boolean add(byte[] member) {
        Bytes key = new Bytes(member);
        if (index.containsKey(key)) {
            return false;
        }
        index.put(key, members.size());
        members.add(member);
        if (journal != null) {
            journal.setMemberAdded(member);
        }
        return true;
    }

    /** Removes a member; returns false when it was not there. */
    public boolean remove(byte[] member) {
        Integer at = index.remove(new Bytes(member));
        if (at == null) {
            return false;
        }
        byte[] last = members.remove(members.size() - 1);
        if (at < members.size()) {
            members.set(at, last);
            index.put(new Bytes(last), at);
        }
        if (journal != null) {
            journal.setMemberRemoved(member);
        }
        return true;
    }

    /**
     * Makes {@code journal} hear every later change of this set (null detaches). For engines that log changes;
     * a {@link #copy()} starts without one.
     */
    public void attachJournal(ChangeJournal journal) {
        this.journal = journal;
    }

    /** The journal attached by {@link #attachJournal}, or null. */
    public ChangeJournal journal() {
        return journal;
    }

    /** The member at position {@code i}. */
    public byte[] member(int i) {
        return members.get(i);
    }

    /** Every member, in no particular order; a read-only view valid until the next change. */
    public List<byte[]> members() {
        return Collections.unmodifiableList(members);
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    public SetValue copy() {
        return new SetValue(new ArrayList<>(members), new HashMap<>(index));
    }

    @Override
    public String toString() {
        return "SetValue[" + members.size() + " members]";
    }
}
