package io.trustgate.redis.session;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** The live client sessions of one listener, for CLIENT LIST and for draining on shutdown. Thread-safe. */
public final class ClientRegistry {

    private final ConcurrentHashMap<Long, ClientSession> sessions = new ConcurrentHashMap<>();

    void add(ClientSession session) {
        sessions.put(session.id, session);
    }

    void remove(ClientSession session) {
        sessions.remove(session.id);
    }

    Collection<ClientSession> all() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }

    /** Replies still owed to clients, summed; read from another thread it is an estimate, which draining needs. */
    public int pendingReplies() {
        int total = 0;
        for (ClientSession s : sessions.values()) {
            total += s.pendingEstimate;
        }
        return total;
    }
}
