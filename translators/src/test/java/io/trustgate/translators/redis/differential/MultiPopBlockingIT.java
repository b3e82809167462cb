package io.trustgate.translators.redis.differential;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BLMPOP and BZMPOP really wait on every keyspace backend: a client parked on empty keys is served by another
 * client's push, in the reply shape Redis gives, and a short timeout answers the null array. INFO's clients
 * section counts them.
 */
class MultiPopBlockingIT {

    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void send(String... args) throws IOException {
            out.write(RespFrames.command(args));
            out.flush();
        }

        String read() throws IOException {
            return new String(RespFrames.read(in), StandardCharsets.UTF_8);
        }

        String call(String... args) throws IOException {
            send(args);
            return read();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aParkedMultiPopIsServedByAnotherClientsPush(Backend backend) throws IOException {
        try (Backend.Gateway gateway = backend.open();
             Client waiter = new Client(gateway.port); Client pusher = new Client(gateway.port)) {
            waiter.send("BLMPOP", "20", "2", "l1", "l2", "RIGHT", "COUNT", "2");
            awaitParked(pusher);
            assertThat(pusher.call("RPUSH", "l2", "a", "b", "c")).isEqualTo(":3\r\n");
            assertThat(waiter.read()).isEqualTo("*2\r\n$2\r\nl2\r\n*2\r\n$1\r\nc\r\n$1\r\nb\r\n");
            assertThat(pusher.call("LRANGE", "l2", "0", "-1")).isEqualTo("*1\r\n$1\r\na\r\n");

            waiter.send("BZMPOP", "20", "1", "z", "MIN");
            awaitParked(pusher);
            assertThat(pusher.call("ZADD", "z", "2", "m", "1", "n")).isEqualTo(":2\r\n");
            assertThat(waiter.read()).isEqualTo("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nn\r\n$1\r\n1\r\n");

            assertThat(waiter.call("BLMPOP", "0.05", "1", "empty", "LEFT")).isEqualTo("*-1\r\n");
            assertThat(waiter.call("HELLO", "3")).startsWith("%");
            assertThat(waiter.call("BZMPOP", "0.05", "1", "empty", "MAX")).isEqualTo("_\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void infoCountsTheClientsOfTheRoute(Backend backend) throws IOException {
        try (Backend.Gateway gateway = backend.open();
             Client one = new Client(gateway.port); Client two = new Client(gateway.port)) {
            assertThat(one.call("GET", "k")).isEqualTo("$-1\r\n");
            assertThat(two.call("GET", "k")).isEqualTo("$-1\r\n");
            assertThat(one.call("INFO", "clients"))
                    .isEqualTo(bulk("# Clients\r\nconnected_clients:2\r\nblocked_clients:0\r\n"));
            assertThat(one.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(one.call("INFO", "keyspace")).isEqualTo(bulk("# Keyspace\r\ndb0:keys=1\r\n"));
        }
    }

    /**
     * Waits until INFO shows the waiter parked, so the push below is a write to a parked client's key. (A push
     * that overtakes the waiter's first attempt can go unnoticed on the SQL engines: see BlockingWaiters.)
     */
    private static void awaitParked(Client observer) throws IOException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!observer.call("INFO", "clients").contains("blocked_clients:1\r\n")) {
            assertThat(System.nanoTime()).as("the waiter parks").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static String bulk(String text) {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }
}
