package io.trustgate.translators.redis.sql.pubsub;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Pub/sub and key-ready signals between gateway instances over PostgreSQL LISTEN/NOTIFY, on the notification
 * channel named like the message table ({@code <prefix>pubsub}). A NOTIFY payload must stay under 8000 bytes, so
 * whatever encodes longer than {@value #MAX_PAYLOAD} characters is stored as a row of {@code <prefix>pubsub}
 * (binary columns) and only its id is notified; receivers read the row, and rows are deleted after
 * {@link SqlPubSubTransport#RETENTION_MILLIS}. Sends run with autocommit, so the row is committed before its
 * NOTIFY goes out, and NOTIFY itself is delivered at commit: a receiver never sees a push's key-ready signal
 * before the push.
 */
final class PostgresPubSubTransport extends SqlPubSubTransport {

    /** NOTIFY payloads must be shorter than 8000 bytes; Base64 text is ASCII, so characters are bytes. */
    static final int MAX_PAYLOAD = 7_900;

    PostgresPubSubTransport(String url, String user, String password, String tablePrefix) {
        super(url, user, password, tablePrefix);
    }

    /** Shows as {@code application_name} in {@code pg_stat_activity}: {@code trustgate-pubsub-listen <table>}. */
    @Override
    void connectionProperties(java.util.Properties props, String name) {
        props.setProperty("ApplicationName", name);
        // A silent network cut: the cleanup query every 10 s then fails within 30 s, and the listener reconnects.
        props.setProperty("socketTimeout", "30");
        props.setProperty("tcpKeepAlive", "true");
    }

    @Override
    String database() {
        return "PostgreSQL";
    }

    @Override
    void createTable(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // Serialized like the keyspace schema, since concurrent CREATE TABLE IF NOT EXISTS can collide.
            s.execute("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))");
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id BIGSERIAL PRIMARY KEY, sender TEXT NOT NULL,"
                    + " kind CHAR(1) NOT NULL, db INTEGER NOT NULL, channel BYTEA NOT NULL, message BYTEA,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    void sendMessage(Connection c, byte[] channel, byte[] message) throws SQLException {
        Envelope e = Envelope.message(sender, channel, message);
        long encoded = 4L * ((channel.length + 2) / 3) + 4L * ((message.length + 2) / 3) + sender.length() + 6;
        notify(c, encoded <= MAX_PAYLOAD ? e.messageText() : Envelope.referenceText(sender, insert(c, e)));
    }

    @Override
    void sendKeys(Connection c, int db, List<byte[]> keys) throws SQLException {
        int base = Envelope.keysText(sender, db, List.of()).length();
        List<byte[]> batch = new ArrayList<>();
        int length = base;
        for (byte[] key : keys) {
            int add = Envelope.keyTextLength(key);
            if (base + add > MAX_PAYLOAD) {
                notify(c, Envelope.referenceText(sender, insert(c, Envelope.key(sender, db, key))));
                continue;
            }
            if (length + add > MAX_PAYLOAD) {
                notify(c, Envelope.keysText(sender, db, batch));
                batch.clear();
                length = base;
            }
            batch.add(key);
            length += add;
        }
        if (!batch.isEmpty()) {
            notify(c, Envelope.keysText(sender, db, batch));
        }
    }

    private long insert(Connection c, Envelope e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (sender, kind, db, channel, message) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, e.sender());
            ps.setString(2, String.valueOf(e.kind().code));
            ps.setInt(3, e.db());
            ps.setBytes(4, e.channel());
            ps.setBytes(5, e.message());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void notify(Connection c, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, table);
            ps.setString(2, payload);
            ps.executeQuery().close();
        }
    }

    @Override
    void prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + table);
        }
    }

    @Override
    void receive(Connection c, int millis) throws SQLException {
        PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(millis);
        if (notes == null) {
            // A terminated backend makes getNotifications throw (FATAL 57P01); a closed connection answers here.
            if (c.isClosed()) {
                throw new SQLException("listening connection closed");
            }
            return;
        }
        for (PGNotification n : notes) {
            if (!table.equals(n.getName())) {
                continue;
            }
            Envelope.Parsed parsed;
            try {
                parsed = Envelope.parse(n.getParameter());
            } catch (IllegalArgumentException e) {
                log.warn("ignoring a malformed notification on {}: {}", table, e.getMessage());
                continue;
            }
            if (parsed.sender().equals(sender)) {
                continue;
            }
            if (parsed.rowId() != 0) {
                Envelope row = read(c, parsed.rowId());
                if (row != null) {
                    deliver(row);
                }
            } else {
                parsed.envelopes().forEach(this::deliver);
            }
        }
    }

    private Envelope read(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sender, kind, db, channel, message FROM " + table
                + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    log.warn("pub/sub row {} of {} was cleaned up before this instance read it", id, table);
                    return null;
                }
                return new Envelope(Envelope.Kind.of(rs.getString(2).trim()), rs.getString(1), rs.getInt(3),
                        rs.getBytes(4), rs.getBytes(5));
            }
        }
    }

    @Override
    void cleanup(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + table + " WHERE created_at < now() - interval '"
                    + RETENTION_MILLIS + " milliseconds'");
        }
    }
}
