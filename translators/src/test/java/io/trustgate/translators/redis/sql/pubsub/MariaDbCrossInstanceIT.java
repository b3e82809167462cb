package io.trustgate.translators.redis.sql.pubsub;

import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateways on the MariaDB at 127.0.0.1:3306 (database test), over the polled message table; fails if down. */
class MariaDbCrossInstanceIT extends CrossInstanceTests {

    @Override
    SqlKeyspaceEngine.Kind kind() {
        return SqlKeyspaceEngine.Kind.MARIADB;
    }

    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:3306/test";
    }

    @Override
    String user() {
        return "root";
    }

    @Test
    void subscribersRecoverWhenPollingConnectionsAreKilled() throws Exception {
        try (Resp sub = new Resp(a.port); Resp pub = new Resp(b.port); Resp waiter = new Resp(a.port)) {
            sub.call("SUBSCRIBE", "alerts");
            pub.call("PUBLISH", "alerts", "before");
            assertThat(sub.read()).isEqualTo(Resp.array("message", "alerts", "before"));

            try (Connection c = DriverManager.getConnection(url(), user(), ""); Statement s = c.createStatement()) {
                for (Gateway g : new Gateway[] {a, b}) {
                    assertThat(g.transports).hasSize(1);
                    long id = ((MariaDbPubSubTransport) g.transports.get(0)).pollerConnectionId;
                    assertThat(id).as("the poller is connected").isPositive();
                    s.execute("KILL CONNECTION " + id);
                }
            }

            String got = null;
            for (int i = 0; i < 100 && got == null; i++) {
                pub.call("PUBLISH", "alerts", "after-" + i);
                if (sub.replyWithin(200)) {
                    got = sub.read();
                }
            }
            assertThat(got).as("a message after the reconnect").startsWith("*3\r\n$7\r\nmessage\r\n$6\r\nalerts\r\n");
            assertThat(((SqlPubSubTransport) a.transports.get(0)).reconnects()).as("gateway A's poller reconnected")
                    .isPositive();

            waiter.send("BLPOP", "after-kill", "0");
            assertThat(waiter.replyWithin(300)).isFalse();
            pub.call("RPUSH", "after-kill", "x");
            assertThat(waiter.read()).isEqualTo(Resp.array("after-kill", "x"));
        }
    }
}
