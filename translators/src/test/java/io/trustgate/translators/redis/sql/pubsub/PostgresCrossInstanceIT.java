package io.trustgate.translators.redis.sql.pubsub;

import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateways on the PostgreSQL at 127.0.0.1:5432 (database test), over LISTEN/NOTIFY; fails if it is down. */
class PostgresCrossInstanceIT extends CrossInstanceTests {

    @Override
    SqlKeyspaceEngine.Kind kind() {
        return SqlKeyspaceEngine.Kind.POSTGRES;
    }

    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test";
    }

    @Override
    String user() {
        return "postgres";
    }

    private int terminate(String role) throws Exception {
        try (Connection c = DriverManager.getConnection(url(), user(), ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = 'trustgate-pubsub-" + role + " " + prefix + "pubsub'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void subscribersRecoverWhenListenerConnectionsAreKilled() throws Exception {
        try (Resp sub = new Resp(a.port); Resp pub = new Resp(b.port); Resp waiter = new Resp(a.port)) {
            sub.call("SUBSCRIBE", "alerts");
            pub.call("PUBLISH", "alerts", "before");
            assertThat(sub.read()).isEqualTo(Resp.array("message", "alerts", "before"));

            assertThat(terminate("listen")).as("both gateways' listeners").isEqualTo(2);
            assertThat(terminate("send")).as("gateway B's sender").isEqualTo(1);

            // Messages published while no listener is up are lost (as for a disconnected Redis subscriber), so
            // publish until one arrives: the listener is back.
            String got = null;
            for (int i = 0; i < 100 && got == null; i++) {
                pub.call("PUBLISH", "alerts", "after-" + i);
                if (sub.replyWithin(200)) {
                    got = sub.read();
                }
            }
            assertThat(got).as("a message after the reconnect").startsWith("*3\r\n$7\r\nmessage\r\n$6\r\nalerts\r\n");

            // The recovered link also carries key-ready signals.
            waiter.send("BLPOP", "after-kill", "0");
            assertThat(waiter.replyWithin(300)).isFalse();
            pub.call("RPUSH", "after-kill", "x");
            assertThat(waiter.read()).isEqualTo(Resp.array("after-kill", "x"));
        }
    }
}
