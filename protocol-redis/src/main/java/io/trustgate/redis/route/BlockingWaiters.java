package io.trustgate.redis.route;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.session.ReplySlot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BZPOPMIN and BZPOPMAX for every keyspace engine, above the engine. A command
 * first runs once through the executor, whose handler serves the first non-empty key or answers "nothing yet";
 * then the client is parked on each of its keys. When a write through this target completes, the longest-waiting
 * client parked on a written key retries on its own event loop; if it is served, the next one retries too (more
 * data may be left), and if it lost the race it keeps its place. The timeout runs on the client's event loop and
 * answers a null array.
 *
 * <p>Other gateway instances on the same backend wake waiters here through the target's {@link InstanceLink}:
 * their committed pushes arrive as key-ready signals and go through {@link #written} like local writes; a
 * waiter parks only once the link listens, and looks at its keys once more then, so a push committed elsewhere
 * before the listener was up is not missed. When the link reconnects, every parked waiter looks again.
 *
 * <p>Thread-safe: the registry is guarded by one lock, held only to move waiters between states, never while a
 * command runs. Waiters of one key are served one at a time, which is what keeps them in FIFO order.
 */
final class BlockingWaiters implements InstanceLink.Waiters {

    private enum State { PARKED, RETRYING, DONE }

    private static final class Waiter {
        final ClientSession client;
        final int db;
        final byte[][] argv;
        final List<String> keys;
        final ReplySlot slot;
        Future<?> timer;
        State state = State.PARKED;
        String servingKey;
        boolean timedOut;
        boolean cancelled;

        Waiter(ClientSession client, int db, byte[][] argv, List<String> keys, ReplySlot slot) {
            this.client = client;
            this.db = db;
            this.argv = argv;
            this.keys = keys;
            this.slot = slot;
        }
    }

    private final KeyspaceCommandExecutor executor;
    private final InstanceLink link;
    private final Object lock = new Object();
    private final Map<String, ArrayDeque<Waiter>> byKey = new HashMap<>();
    private final Map<ClientSession, List<Waiter>> byClient = new IdentityHashMap<>();
    private final Set<String> busy = new HashSet<>();
    private final Set<String> dirty = new HashSet<>();
    private volatile int parked;

    BlockingWaiters(KeyspaceCommandExecutor executor, InstanceLink link) {
        this.executor = executor;
        this.link = link;
        link.waiters(this);
    }

    /** True for the blocking commands this class serves. */
    static boolean handles(String upperName) {
        return switch (upperName) {
            case "BLPOP", "BRPOP", "BLMOVE", "BRPOPLPUSH", "BZPOPMIN", "BZPOPMAX", "BLMPOP", "BZMPOP" -> true;
            default -> false;
        };
    }

    /** Clients parked right now: INFO's blocked_clients. */
    int parkedCount() {
        return parked;
    }

    /** True while any client is parked: only then do writes need to report the keys they touched. */
    boolean anyParked() {
        return parked > 0;
    }

    /** Runs a blocking command for {@code client}; takes ownership of {@code request}. On the client's loop. */
    void execute(ClientSession client, RespRequest request, ReplySlot slot) {
        int db = client.db();
        byte[][] argv = new byte[request.argc()][];
        for (int i = 0; i < argv.length; i++) {
            argv[i] = request.argBytes(i);
        }
        var reply = executor.execute(db, request);
        request.release();
        reply.whenComplete((message, error) -> onLoop(client, () -> {
            if (error != null) {
                slot.complete(new ErrorRedisMessage("ERR " + error.getMessage()));
            } else if (!isEmpty(message)) {
                slot.complete(message);
                servedMove(db, argv);
            } else if (client.channel().isActive()) {
                park(new Waiter(client, db, argv, keysOf(db, argv), slot));
            }
        }));
    }

    /** A write on {@code db} completed; {@code args} are its arguments (every one may be a key). */
    void written(int db, List<byte[]> args) {
        if (parked == 0) {
            return;
        }
        List<String> wake = new ArrayList<>();
        synchronized (lock) {
            for (byte[] arg : args) {
                String key = key(db, arg);
                if (byKey.containsKey(key)) {
                    wake.add(key);
                }
            }
        }
        wake.forEach(this::serve);
    }

    @Override
    public void keysReady(int db, List<byte[]> keys) {
        written(db, keys);
    }

    /** Every parked waiter looks at its keys again (the link reconnected and may have missed signals). */
    @Override
    public void retryAll() {
        if (parked == 0) {
            return;
        }
        List<String> keys;
        synchronized (lock) {
            keys = new ArrayList<>(byKey.keySet());
        }
        keys.forEach(this::serve);
    }

    /** The client went away: forget its waiters. On the client's loop. */
    void clientClosed(ClientSession client) {
        if (parked == 0) {
            return;
        }
        synchronized (lock) {
            List<Waiter> list = byClient.get(client);
            if (list == null) {
                return;
            }
            for (Waiter w : List.copyOf(list)) {
                if (w.state == State.PARKED) {
                    unregister(w);
                } else {
                    w.cancelled = true;
                }
                if (w.timer != null) {
                    w.timer.cancel(false);
                }
            }
        }
    }

    private void park(Waiter w) {
        long timeout = KeyspaceCommandExecutor.blockingTimeoutMillis(w.argv[isMultiPop(w.argv) ? 1
                : w.argv.length - 1]);
        synchronized (lock) {
            for (String key : w.keys) {
                byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(w);
            }
            byClient.computeIfAbsent(w.client, c -> new ArrayList<>(1)).add(w);
            parked++;
        }
        if (timeout > 0) {
            w.timer = w.client.eventLoop().schedule(() -> expire(w), timeout, TimeUnit.MILLISECONDS);
        }
        // A write may have landed between the first attempt and now: look again, in FIFO order. With other
        // instances, look once more when the link listens (at once if it already does).
        w.keys.forEach(this::serve);
        if (link.crossInstance()) {
            link.listening().whenComplete((v, e) -> w.keys.forEach(this::serve));
        }
    }

    private void expire(Waiter w) {
        boolean answer = false;
        synchronized (lock) {
            if (w.state == State.PARKED) {
                unregister(w);
                answer = true;
            } else if (w.state == State.RETRYING) {
                w.timedOut = true;
            }
        }
        if (answer) {
            w.slot.complete(ArrayRedisMessage.NULL_INSTANCE);
        }
    }

    /** Lets the longest-waiting parked client of {@code key} retry, unless one is retrying already. */
    private void serve(String key) {
        Waiter next = null;
        synchronized (lock) {
            ArrayDeque<Waiter> queue = byKey.get(key);
            if (queue == null) {
                return;
            }
            if (busy.contains(key)) {
                dirty.add(key);
                return;
            }
            for (Waiter w : queue) {
                if (w.state == State.PARKED) {
                    next = w;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            next.state = State.RETRYING;
            next.servingKey = key;
            busy.add(key);
        }
        Waiter w = next;
        onLoop(w.client, () -> retry(w));
    }

    private void retry(Waiter w) {
        RespRequest request = RespRequest.of(UnpooledByteBufAllocator.DEFAULT, w.argv);
        var reply = executor.execute(w.db, request);
        request.release();
        reply.whenComplete((message, error) -> onLoop(w.client, () -> retried(w, message, error)));
    }

    private void retried(Waiter w, RedisMessage message, Throwable error) {
        boolean served = error != null || !isEmpty(message);
        String key = w.servingKey;
        boolean again;
        boolean timedOut;
        boolean cancelled;
        synchronized (lock) {
            busy.remove(key);
            again = dirty.remove(key) || served;
            timedOut = w.timedOut;
            cancelled = w.cancelled;
            if (served || timedOut || cancelled) {
                unregister(w);
            } else {
                w.state = State.PARKED;
            }
        }
        if (served) {
            if (w.timer != null) {
                w.timer.cancel(false);
            }
            w.slot.complete(error != null ? new ErrorRedisMessage("ERR " + error.getMessage()) : message);
            servedMove(w.db, w.argv);
        } else if (timedOut && !cancelled) {
            w.slot.complete(ArrayRedisMessage.NULL_INSTANCE);
        } else {
            ReferenceCountUtil.release(message);
        }
        if (again) {
            serve(key);
        }
    }

    /** BLMOVE and BRPOPLPUSH push onto their destination, which may serve another waiter. */
    private void servedMove(int db, byte[][] argv) {
        if (isMove(argv)) {
            written(db, List.of(argv[2]));
            link.keysReady(db, List.of(argv[2]));
        }
    }

    /** Under the lock: removes a waiter from every queue. */
    private void unregister(Waiter w) {
        if (w.state == State.DONE) {
            return;
        }
        w.state = State.DONE;
        for (String key : w.keys) {
            ArrayDeque<Waiter> queue = byKey.get(key);
            if (queue != null) {
                queue.remove(w);
                if (queue.isEmpty()) {
                    byKey.remove(key);
                }
            }
        }
        List<Waiter> list = byClient.get(w.client);
        if (list != null) {
            list.remove(w);
            if (list.isEmpty()) {
                byClient.remove(w.client);
            }
        }
        parked--;
    }

    private static boolean isMove(byte[][] argv) {
        String name = new String(argv[0], StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        return name.equals("BLMOVE") || name.equals("BRPOPLPUSH");
    }

    /** BLMPOP and BZMPOP: timeout first, then numkeys and the keys (already validated by the first attempt). */
    private static boolean isMultiPop(byte[][] argv) {
        String name = new String(argv[0], StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        return name.equals("BLMPOP") || name.equals("BZMPOP");
    }

    private static List<String> keysOf(int db, byte[][] argv) {
        if (isMove(argv)) {
            return List.of(key(db, argv[1]));
        }
        int from = 1;
        int to = argv.length - 1;
        if (isMultiPop(argv)) {
            from = 3;
            to = from + Integer.parseInt(new String(argv[2], StandardCharsets.US_ASCII));
        }
        List<String> keys = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            String k = key(db, argv[i]);
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static boolean isEmpty(RedisMessage message) {
        return message == ArrayRedisMessage.NULL_INSTANCE || message == FullBulkStringRedisMessage.NULL_INSTANCE;
    }

    private static String key(int db, byte[] key) {
        return db + ":" + new String(key, StandardCharsets.ISO_8859_1);
    }

    private static void onLoop(ClientSession client, Runnable task) {
        if (client.eventLoop().inEventLoop()) {
            task.run();
        } else {
            client.eventLoop().execute(task);
        }
    }
}
