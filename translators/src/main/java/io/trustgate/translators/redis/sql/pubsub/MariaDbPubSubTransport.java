package io.trustgate.translators.redis.sql.pubsub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pub/sub and key-ready signals between gateway instances on MariaDB, which has no LISTEN/NOTIFY: every send is
 * a row of {@code <prefix>pubsub}, and each instance polls the table for new rows every {@code interval}.
 *
 * <p>Auto-increment ids are handed out at insert and committed in any order, so a row can become visible after a
 * higher id was read. The poller therefore re-reads ids above a watermark that trails by {@value #GRACE_MILLIS}
 * ms (ids only, by primary key) and remembers which of them it has delivered; a row that commits more than that
 * after a higher one would be missed. Rows are deleted after {@link SqlPubSubTransport#RETENTION_MILLIS}.
 */
final class MariaDbPubSubTransport extends SqlPubSubTransport {

    static final long GRACE_MILLIS = 2_000;
    private static final int BATCH = 500;

    private final long intervalMillis;
    /** Ids delivered (or skipped as this instance's) above the watermark, with when they were first read. */
    private final TreeMap<Long, Long> seen = new TreeMap<>();
    private long watermark;
    /** The server's id of the polling connection ({@code KILL CONNECTION} takes it); 0 before the first. */
    volatile long pollerConnectionId;

    MariaDbPubSubTransport(String url, String user, String password, String tablePrefix, Duration interval) {
        super(url, user, password, tablePrefix);
        this.intervalMillis = Math.max(1, interval.toMillis());
    }

    /** A silent network cut fails the next poll within 30 s, and the poller reconnects. */
    @Override
    void connectionProperties(java.util.Properties props, String name) {
        props.setProperty("socketTimeout", "30000");
        props.setProperty("tcpKeepAlive", "true");
    }

    @Override
    String database() {
        return "MariaDB";
    }

    @Override
    void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " sender VARCHAR(16) NOT NULL, kind CHAR(1) NOT NULL, db INT NOT NULL, channel LONGBLOB NOT NULL,"
                    + " message LONGBLOB, created_ms BIGINT NOT NULL, KEY " + table + "_created (created_ms))"
                    + " ENGINE=InnoDB");
        }
    }

    @Override
    void sendMessage(Connection c, byte[] channel, byte[] message) throws SQLException {
        insert(c, List.of(Envelope.message(sender, channel, message)));
    }

    @Override
    void sendKeys(Connection c, int db, List<byte[]> keys) throws SQLException {
        insert(c, keys.stream().map(k -> Envelope.key(sender, db, k)).toList());
    }

    private void insert(Connection c, List<Envelope> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (sender, kind, db, channel, message, created_ms)"
                + " VALUES (?, ?, ?, ?, ?, ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000))")) {
            for (Envelope e : rows) {
                ps.setString(1, e.sender());
                ps.setString(2, String.valueOf(e.kind().code));
                ps.setInt(3, e.db());
                ps.setBytes(4, e.channel());
                ps.setBytes(5, e.message());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    void prepare(Connection c) throws SQLException {
        // Start at what exists now (nothing older is for this instance); on a reconnect, where reading left off.
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0), CONNECTION_ID() FROM " + table)) {
            rs.next();
            long max = rs.getLong(1);
            pollerConnectionId = rs.getLong(2);
            if (seen.isEmpty() && watermark == 0) {
                watermark = max;
            }
        }
    }

    @Override
    void receive(Connection c, int millis) throws SQLException {
        long now = System.currentTimeMillis();
        long high = seen.isEmpty() ? watermark : Math.max(watermark, seen.lastKey());
        List<Long> fresh = ids(c, "id > " + high + " ORDER BY id LIMIT " + BATCH);
        boolean more = fresh.size() == BATCH;
        if (high > watermark) {
            // Late commits: ids inside the grace window that were not visible when higher ids were read.
            for (long id : ids(c, "id > " + watermark + " AND id < " + high)) {
                if (!seen.containsKey(id)) {
                    fresh.add(id);
                }
            }
        }
        if (!fresh.isEmpty()) {
            deliverRows(c, fresh);
            fresh.forEach(id -> seen.put(id, now));
        }
        advanceWatermark(now);
        if (!more) {
            sleep(intervalMillis);
        }
    }

    private List<Long> ids(Connection c, String where) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM " + table + " WHERE "
                + where)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private void deliverRows(Connection c, List<Long> ids) throws SQLException {
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sender, kind, db, channel, message FROM " + table
                     + " WHERE id IN (" + in + ") ORDER BY id")) {
            while (rs.next()) {
                if (rs.getString(1).equals(sender)) {
                    continue;
                }
                deliver(new Envelope(Envelope.Kind.of(rs.getString(2).trim()), rs.getString(1), rs.getInt(3),
                        rs.getBytes(4), rs.getBytes(5)));
            }
        }
    }

    /** Ids read more than the grace window ago move below the watermark and are forgotten. */
    private void advanceWatermark(long now) {
        while (!seen.isEmpty()) {
            Map.Entry<Long, Long> first = seen.firstEntry();
            if (now - first.getValue() < GRACE_MILLIS) {
                break;
            }
            watermark = Math.max(watermark, first.getKey());
            seen.pollFirstEntry();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pub/sub poller interrupted");
        }
    }

    @Override
    void cleanup(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + table + " WHERE created_ms < ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) - "
                    + RETENTION_MILLIS + " LIMIT 1000");
        }
    }
}
