package io.trustgate.translators.redis.sql.pubsub;

import io.trustgate.redis.spi.PubSubTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the PostgreSQL and MariaDB transports share: an instance id that tags what this instance sends (so it
 * skips its own), one sending thread with its own connection (so the messages of one instance leave in PUBLISH
 * order and event loops never block), and one receiving thread with its own connection that reconnects with
 * back-off. Subclasses say how to send and how to receive.
 *
 * <p>Threads: {@link #publish} and {@link #keysReady} only queue (at most {@value #QUEUE} sends; past that a send
 * is dropped with a WARN line, counted in {@link #dropped()}). The sink is called on the receiving thread.
 */
abstract class SqlPubSubTransport implements PubSubTransport {

    static final int QUEUE = 10_000;
    /** How long rows of the message table are kept for slow receivers. */
    static final long RETENTION_MILLIS = 60_000;
    static final long CLEANUP_EVERY_MILLIS = 10_000;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    final Logger log = LoggerFactory.getLogger(getClass());
    final String url;
    final String user;
    final String password;
    final String table;
    final String sender = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    volatile Sink sink;
    volatile boolean closed;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final ThreadPoolExecutor outbox;
    private final Map<Integer, Set<String>> pendingKeys = new ConcurrentHashMap<>();
    private final AtomicBoolean keysFlushQueued = new AtomicBoolean();
    private Thread receiver;
    private volatile Connection receiving;
    private Connection sending;

    SqlPubSubTransport(String url, String user, String password, String tablePrefix) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.table = tablePrefix + "pubsub";
        this.outbox = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "trustgate-pubsub-send-" + table);
            t.setDaemon(true);
            return t;
        });
    }

    /** The database's name in logs. */
    abstract String database();

    /** Creates the message table if missing. */
    abstract void createTable(Connection c) throws SQLException;

    /** Sends a message on the sending connection. */
    abstract void sendMessage(Connection c, byte[] channel, byte[] message) throws SQLException;

    /** Sends key-ready signals on the sending connection. */
    abstract void sendKeys(Connection c, int db, List<byte[]> keys) throws SQLException;

    /** After (re)connecting the receiving connection: subscribe, or note where reading starts. */
    abstract void prepare(Connection c) throws SQLException;

    /** Waits up to about {@code millis} for what others sent and hands it to the sink; throws when the
     *  connection broke. */
    abstract void receive(Connection c, int millis) throws SQLException;

    /** Deletes message-table rows older than {@link #RETENTION_MILLIS}. */
    abstract void cleanup(Connection c) throws SQLException;

    @Override
    public final synchronized void start(Sink sink) {
        if (this.sink != null) {
            throw new IllegalStateException("already started");
        }
        this.sink = sink;
        receiver = new Thread(this::receiveLoop, "trustgate-pubsub-receive-" + table);
        receiver.setDaemon(true);
        receiver.start();
    }

    @Override
    public final void publish(byte[] channel, byte[] message) {
        submit(() -> send(c -> sendMessage(c, channel, message)));
    }

    /**
     * Key-ready signals are coalesced: keys wait in a set per db until the sending thread takes them all in one
     * go, so a burst of pushes costs a few NOTIFYs (or one multi-row insert), duplicates are sent once, and
     * signals never overflow the send queue.
     */
    @Override
    public final void keysReady(int db, List<byte[]> keys) {
        Set<String> set = pendingKeys.computeIfAbsent(db, d -> ConcurrentHashMap.newKeySet());
        for (byte[] key : keys) {
            set.add(new String(key, StandardCharsets.ISO_8859_1));
        }
        if (keysFlushQueued.compareAndSet(false, true) && !submit(this::flushKeys)) {
            keysFlushQueued.set(false);
        }
    }

    private void flushKeys() {
        keysFlushQueued.set(false);
        for (Map.Entry<Integer, Set<String>> e : pendingKeys.entrySet()) {
            List<byte[]> batch = new ArrayList<>();
            for (Iterator<String> it = e.getValue().iterator(); it.hasNext(); ) {
                batch.add(it.next().getBytes(StandardCharsets.ISO_8859_1));
                it.remove();
            }
            if (!batch.isEmpty()) {
                int db = e.getKey();
                send(c -> sendKeys(c, db, batch));
            }
        }
    }

    @Override
    public final CompletionStage<Void> listening() {
        return listening;
    }

    /** Sends that did not fit the queue or failed twice. */
    long dropped() {
        return dropped.get();
    }

    /** How many times the receiving connection was opened again after it broke. */
    long reconnects() {
        return reconnects.get();
    }

    private boolean submit(Runnable send) {
        if (closed) {
            return false;
        }
        try {
            outbox.execute(send);
            return true;
        } catch (RejectedExecutionException e) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                log.warn("{} pub/sub to other gateway instances is behind: {} sends queued, dropped {} so far",
                        database(), QUEUE, dropped.get());
            }
            return false;
        }
    }

    private interface Send {
        void on(Connection c) throws SQLException;
    }

    /** On the sending thread: one try, and one more on a new connection. */
    private void send(Send send) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (sending == null || sending.isClosed()) {
                    sending = connect("send");
                    createTable(sending);
                }
                send.on(sending);
                return;
            } catch (SQLException e) {
                closeQuietly(sending);
                sending = null;
                if (attempt == 1) {
                    dropped.incrementAndGet();
                    log.warn("{} pub/sub send to other gateway instances failed and was dropped: {}", database(),
                            e.getMessage());
                }
            }
        }
    }

    /** Opens a connection of this transport; {@code role} is {@code send} or {@code listen}. */
    Connection connect(String role) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password == null ? "" : password);
        connectionProperties(props, "trustgate-pubsub-" + role + " " + table);
        Connection c = DriverManager.getConnection(url, props);
        c.setAutoCommit(true);
        return c;
    }

    /** Adds driver properties, e.g. a name that shows the connection's role to a DBA; none by default. */
    void connectionProperties(Properties props, String name) {
    }

    private void receiveLoop() {
        long backoff = 100;
        boolean first = true;
        while (!closed) {
            Connection c = null;
            try {
                c = connect("listen");
                receiving = c;
                createTable(c);
                prepare(c);
                if (first) {
                    first = false;
                    listening.complete(null);
                } else {
                    reconnects.incrementAndGet();
                    log.info("{} pub/sub listener reconnected", database());
                }
                // Whatever was sent while no listener was up is lost; blocked clients look at their keys again.
                sink.resynced();
                backoff = 100;
                long nextCleanup = System.currentTimeMillis() + CLEANUP_EVERY_MILLIS;
                while (!closed) {
                    receive(c, 250);
                    if (System.currentTimeMillis() >= nextCleanup) {
                        cleanup(c);
                        nextCleanup = System.currentTimeMillis() + CLEANUP_EVERY_MILLIS;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn("{} pub/sub listener lost its connection ({}); reconnecting in {} ms", database(),
                            e.getMessage(), backoff);
                }
            } finally {
                receiving = null;
                closeQuietly(c);
            }
            if (!closed) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /** Hands one envelope of another instance to the sink; this instance's own are skipped. */
    final void deliver(Envelope e) {
        if (e.sender().equals(sender)) {
            return;
        }
        switch (e.kind()) {
            case MESSAGE -> sink.message(e.channel(), e.message());
            case KEY -> sink.keysReady(e.db(), List.of(e.channel()));
            default -> throw new IllegalStateException();
        }
    }

    @Override
    public void close() {
        closed = true;
        outbox.shutdown();
        try {
            outbox.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread r;
        synchronized (this) {
            r = receiver;
        }
        if (r != null) {
            r.interrupt();
            try {
                r.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(receiving);
        outbox.shutdownNow();
        closeQuietly(sending);
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    @Override
    public String toString() {
        return database().toLowerCase(Locale.ROOT) + " pub/sub on " + table + " as " + sender;
    }
}
