package io.trustgate.redis.passthrough;

import io.trustgate.redis.codec.RespLimits;
import io.trustgate.redis.route.RedisRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Passthrough to the machine's real Redis on 6379 through a real listener and a raw RESP socket client. */
class StandalonePassthroughIT {

    private static GatewayFixture gateway;
    private final String p = "it:" + UUID.randomUUID() + ":";

    @BeforeAll
    static void start() throws Exception {
        RedisServers.requireLocalRedis();
        gateway = new GatewayFixture(null, RespLimits.DEFAULT,
                g -> List.of(new RedisRouter.Route(null, null, g.standalone("local", 6379))));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void setAndGetRoundTrip() throws Exception {
        try (RespClient c = new RespClient(gateway.port)) {
            assertThat(c.call("SET", p + "k", "v")).isEqualTo("OK");
            assertThat(c.call("GET", p + "k")).isEqualTo("v");
            assertThat(c.call("DEL", p + "k")).isEqualTo(1L);
        }
    }

    @Test
    void pipelinedRepliesKeepRequestOrder() throws Exception {
        try (RespClient c = new RespClient(gateway.port)) {
            StringBuilder wire = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                wire.append(new String(RespClient.encode("SET", p + i, "v" + i), "ISO-8859-1"));
                wire.append(new String(RespClient.encode(i % 3 == 0 ? "PING" : "GET", p + i), "ISO-8859-1"));
            }
            c.sendRaw(wire.toString());
            for (int i = 0; i < 2000; i++) {
                assertThat(c.read()).isEqualTo("OK");
                assertThat(c.read()).isEqualTo(i % 3 == 0 ? p + i : "v" + i);
            }
            List<String> del = new ArrayList<>(List.of("DEL"));
            for (int i = 0; i < 2000; i++) {
                del.add(p + i);
            }
            assertThat(c.call(del.toArray(new String[0]))).isEqualTo(2000L);
        }
    }

    @Test
    void inlineCommandsWork() throws Exception {
        try (RespClient c = new RespClient(gateway.port)) {
            c.sendRaw("SET " + p + "inline \"two words\"\r\n");
            assertThat(c.read()).isEqualTo("OK");
            c.sendRaw("GET " + p + "inline\r\n");
            assertThat(c.read()).isEqualTo("two words");
            c.call("DEL", p + "inline");
        }
    }

    @Test
    void transactionRunsAtomicallyAndWatchConflictAborts() throws Exception {
        try (RespClient a = new RespClient(gateway.port); RespClient b = new RespClient(gateway.port)) {
            assertThat(a.call("MULTI")).isEqualTo("OK");
            assertThat(a.call("INCR", p + "n")).isEqualTo("QUEUED");
            assertThat(a.call("INCR", p + "n")).isEqualTo("QUEUED");
            assertThat(a.call("EXEC")).isEqualTo(List.of(1L, 2L));

            assertThat(a.call("WATCH", p + "n")).isEqualTo("OK");
            assertThat(b.call("SET", p + "n", "100")).isEqualTo("OK");
            assertThat(a.call("MULTI")).isEqualTo("OK");
            assertThat(a.call("INCR", p + "n")).isEqualTo("QUEUED");
            assertThat(a.call("EXEC")).isNull();
            assertThat(a.call("GET", p + "n")).isEqualTo("100");

            assertThat(a.call("WATCH", p + "n")).isEqualTo("OK");
            assertThat(a.call("MULTI")).isEqualTo("OK");
            assertThat(a.call("INCR", p + "n")).isEqualTo("QUEUED");
            assertThat(a.call("EXEC")).isEqualTo(List.of(101L));
            a.call("DEL", p + "n");
        }
    }

    @Test
    void queueTimeErrorsAbortExec() throws Exception {
        try (RespClient c = new RespClient(gateway.port)) {
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("SET", p + "x")).isEqualTo("-ERR wrong number of arguments for 'set' command");
            assertThat((String) c.call("NOSUCHCMD", "a")).startsWith("-ERR unknown command 'NOSUCHCMD'");
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.");
            assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI");
            assertThat(c.call("DISCARD")).isEqualTo("-ERR DISCARD without MULTI");
        }
    }

    @Test
    void selectIsolatesDatabases() throws Exception {
        try (RespClient c = new RespClient(gateway.port); RespClient other = new RespClient(gateway.port)) {
            assertThat(c.call("SELECT", "5")).isEqualTo("OK");
            assertThat(c.call("SET", p + "db", "five")).isEqualTo("OK");
            assertThat(other.call("GET", p + "db")).isNull();
            assertThat(other.call("SELECT", "5")).isEqualTo("OK");
            assertThat(other.call("GET", p + "db")).isEqualTo("five");
            assertThat(c.call("SELECT", "0")).isEqualTo("OK");
            assertThat(c.call("GET", p + "db")).isNull();
            assertThat(c.call("SELECT", "16")).isEqualTo("-ERR DB index is out of range");
            assertThat(c.call("SELECT", "x")).isEqualTo("-ERR value is not an integer or out of range");
            other.call("DEL", p + "db");
        }
    }

    @Test
    void blpopTimesOutAndIsServedByAnotherClient() throws Exception {
        try (RespClient a = new RespClient(gateway.port); RespClient b = new RespClient(gateway.port)) {
            long start = System.nanoTime();
            assertThat(a.call("BLPOP", p + "q", "0.3")).isNull();
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
            a.send("BLPOP", p + "q", "5");
            Thread.sleep(100);
            assertThat(b.call("RPUSH", p + "q", "job")).isEqualTo(1L);
            assertThat(a.read()).isEqualTo(List.of(p + "q", "job"));
            assertThat(a.call("GET", p + "after")).isNull();
        }
    }

    @Test
    void subscriberReceivesPublishedMessages() throws Exception {
        try (RespClient sub = new RespClient(gateway.port); RespClient pub = new RespClient(gateway.port)) {
            assertThat(sub.call("SUBSCRIBE", p + "ch")).isEqualTo(List.of("subscribe", p + "ch", 1L));
            assertThat(pub.call("PUBLISH", p + "ch", "hello")).isEqualTo(1L);
            assertThat(sub.read()).isEqualTo(List.of("message", p + "ch", "hello"));
            assertThat(sub.call("UNSUBSCRIBE", p + "ch")).isEqualTo(List.of("unsubscribe", p + "ch", 0L));
            assertThat(sub.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void largeValuesPassUnchanged() throws Exception {
        String big = "x".repeat(12 * 1024 * 1024 - 3) + "end";
        try (RespClient c = new RespClient(gateway.port)) {
            assertThat(c.call("SET", p + "big", big)).isEqualTo("OK");
            assertThat(c.call("STRLEN", p + "big")).isEqualTo((long) big.length());
            assertThat(c.call("GET", p + "big")).isEqualTo(big);
            c.call("DEL", p + "big");
        }
    }

    @Test
    void malformedFrameGetsProtocolErrorAndCloseWithoutHurtingOthers() throws Exception {
        try (RespClient bad = new RespClient(gateway.port); RespClient good = new RespClient(gateway.port)) {
            assertThat(good.call("SET", p + "ok", "1")).isEqualTo("OK");
            bad.sendRaw("*2\r\n$3\r\nGET\r\n$abc\r\n");
            assertThat(bad.read()).isEqualTo("-ERR Protocol error: invalid bulk length");
            assertThat(bad.closedByServer()).isTrue();
            assertThat(good.call("GET", p + "ok")).isEqualTo("1");
            good.call("DEL", p + "ok");
        }
    }

    @Test
    void unknownCommandsReachTheBackend() throws Exception {
        try (RespClient c = new RespClient(gateway.port)) {
            assertThat((String) c.call("FOOBAR", "x")).startsWith("-ERR unknown command 'FOOBAR'");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void connectionCommandsBehaveLikeRedis() throws Exception {
        try (RespClient c = new RespClient(gateway.port)) {
            assertThat(c.call("PING")).isEqualTo("PONG");
            assertThat(c.call("PING", "hi")).isEqualTo("hi");
            assertThat(c.call("ECHO", "e")).isEqualTo("e");
            assertThat(c.call("CLIENT", "GETNAME")).isNull();
            assertThat(c.call("CLIENT", "SETNAME", "worker-1")).isEqualTo("OK");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("worker-1");
            assertThat(c.call("CLIENT", "SETNAME", "bad name")).isEqualTo(
                    "-ERR Client names cannot contain spaces, newlines or special characters.");
            assertThat(c.call("CLIENT", "ID")).isInstanceOf(Long.class);
            assertThat(c.call("CLIENT", "SETINFO", "LIB-NAME", "test")).isEqualTo("OK");
            assertThat((String) c.call("CLIENT", "INFO")).contains("name=worker-1").contains("lib-name=test");
            assertThat(c.call("AUTH", "x")).asString().startsWith("-ERR AUTH <password> called without any password");
            assertThat((List<Object>) c.call("HELLO", "2")).contains("proto", 2L);
            assertThat(c.call("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version");
            assertThat(c.call("RESET")).isEqualTo("RESET");
            assertThat(c.call("CLIENT", "GETNAME")).isNull();
            assertThat(c.call("QUIT")).isEqualTo("OK");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void clientsMoveBetweenPinnedAndSharedConnectionsWithoutLosingOrder() throws Exception {
        try (RespClient c = new RespClient(gateway.port)) {
            long[] counters = new long[3];
            for (int i = 0; i < 20; i++) {
                int db = i % 3;
                counters[db] = db == 0 ? i + 1 : counters[db] + 1;
                c.send("BLPOP", p + "jobs", "0.01");
                c.send("SET", p + "n", Integer.toString(i));
                c.send("SELECT", Integer.toString(i % 3));
                c.send("INCR", p + "n");
                c.send("SELECT", "0");
                c.send("GET", p + "n");
                assertThat(c.read()).isNull();
                assertThat(c.read()).isEqualTo("OK");
                assertThat(c.read()).isEqualTo("OK");
                assertThat(c.read()).isEqualTo(counters[db]);
                assertThat(c.read()).isEqualTo("OK");
                assertThat(c.read()).isEqualTo(Integer.toString(db == 0 ? i + 1 : i));
            }
            for (int db = 0; db < 3; db++) {
                c.call("SELECT", Integer.toString(db));
                c.call("DEL", p + "n");
            }
        }
    }

    @Test
    void oversizedBulkIsRefusedBeforeItsBodyIsSent() throws Exception {
        try (RespClient c = new RespClient(gateway.port)) {
            c.sendRaw("*2\r\n$3\r\nGET\r\n$536870913\r\n");
            assertThat(c.read()).isEqualTo("-ERR Protocol error: invalid bulk length");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RespClient c = new RespClient(gateway.port)) {
            c.sendRaw("*1048577\r\n");
            assertThat(c.read()).isEqualTo("-ERR Protocol error: invalid multibulk length");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aCommandWaitingForSharedOnesStillRunsOnTheDbItWasSentFor() throws Exception {
        try (RespClient c = new RespClient(gateway.port); RespClient check = new RespClient(gateway.port)) {
            StringBuilder wire = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                wire.append(new String(RespClient.encode("GET", p + "shared"), "ISO-8859-1"));
                wire.append(new String(RespClient.encode("SELECT", "1"), "ISO-8859-1"));
                wire.append(new String(RespClient.encode("INCR", p + "counter"), "ISO-8859-1"));
                wire.append(new String(RespClient.encode("SELECT", "0"), "ISO-8859-1"));
            }
            c.sendRaw(wire.toString());
            for (int i = 0; i < 50; i++) {
                assertThat(c.read()).isNull();
                assertThat(c.read()).isEqualTo("OK");
                assertThat(c.read()).isEqualTo((long) i + 1);
                assertThat(c.read()).isEqualTo("OK");
            }
            assertThat(check.call("EXISTS", p + "counter")).isEqualTo(0L);
            check.call("SELECT", "1");
            assertThat(check.call("GET", p + "counter")).isEqualTo("50");
            check.call("DEL", p + "counter");
        }
    }
}
