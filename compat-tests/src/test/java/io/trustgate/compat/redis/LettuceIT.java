package io.trustgate.compat.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.trustgate.compat.redis.GatewayFixture.Resp;
import io.trustgate.compat.redis.Target.Feature;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lettuce's synchronous API, unchanged, against every target, with RESP2 forced and with Lettuce's default RESP3
 * negotiation: string and key commands, HELLO handling, SELECT, AUTH and 10 MB values.
 */
@Timeout(120)
class LettuceIT extends GatewayTest {


    static Stream<Arguments> targetsAndProtocols() {
        return Stream.of(Target.values())
                .flatMap(t -> Stream.of(Resp.values()).map(r -> Arguments.of(t, r)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void stringAndKeyCommandsWork(Target target, Resp resp) {
        String p = GatewayFixture.prefix();
        String k = p + "k";
        String counter = p + "counter";
        String a = p + "a";
        String b = p + "b";
        try (StatefulRedisConnection<String, String> conn = gateway.lettuce(target, resp).connect()) {
            assertThat(protocolOf(conn)).isEqualTo(expectedProtocol(target, resp));
            RedisCommands<String, String> redis = conn.sync();
            assertThat(redis.ping()).isEqualTo("PONG");
            assertThat(redis.set(k, "v1")).isEqualTo("OK");
            assertThat(redis.get(k)).isEqualTo("v1");
            assertThat(redis.expire(k, 100)).isTrue();
            assertThat(redis.ttl(k)).isBetween(1L, 100L);
            assertThat(redis.incr(counter)).isEqualTo(1L);
            assertThat(redis.incr(counter)).isEqualTo(2L);
            assertThat(redis.mset(Map.of(a, "A", b, "B"))).isEqualTo("OK");
            assertThat(redis.mget(a, p + "missing", b)).containsExactly(
                    KeyValue.just(a, "A"), KeyValue.empty(p + "missing"), KeyValue.just(b, "B"));
            assertThat(redis.del(k)).isEqualTo(1L);
            assertThat(redis.get(k)).isNull();
            assertThat(redis.ttl(k)).isEqualTo(-2L);
            assertThatThrownBy(() -> redis.incr(a))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("ERR value is not an integer or out of range");
        } finally {
            gateway.delete(target, 0, k, counter, a, b);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void helloThreeIsAnsweredInResp3OrRefusedWithNoproto(Target target) throws Exception {
        try (RespSocket s = new RespSocket(gateway.port(target))) {
            Object reply = s.call("HELLO", "3");
            if (target.has(Feature.RESP3)) {
                assertThat(reply).isInstanceOf(List.class);
                List<?> map = (List<?>) reply;
                int proto = indexOfBulk(map, "proto");
                assertThat(proto).as("HELLO 3 reply %s", map).isGreaterThanOrEqualTo(0);
                assertThat(map.get(proto + 1)).isEqualTo(3L);
                assertThat(s.call("PING")).isEqualTo("PONG");
            } else {
                assertThat(reply).isInstanceOf(RespSocket.Error.class);
                assertThat(((RespSocket.Error) reply).message()).startsWith("NOPROTO");
                // The connection stays usable in RESP2.
                assertThat(s.call("PING")).isEqualTo("PONG");
            }
            Object hello2 = s.call("HELLO", "2");
            assertThat(hello2).isInstanceOf(List.class);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void selectIsolatesDatabasesOrIsRefusedInClusterMode(Target target, Resp resp) {
        String k = GatewayFixture.prefix() + "k";
        try (StatefulRedisConnection<String, String> conn = gateway.lettuce(target, resp).connect()) {
            RedisCommands<String, String> redis = conn.sync();
            if (!target.has(Feature.SELECT)) {
                assertThatThrownBy(() -> redis.select(2))
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessage("ERR SELECT is not allowed in cluster mode");
                assertThat(redis.select(0)).isEqualTo("OK");
                assertThat(redis.set(k, "zero")).isEqualTo("OK");
                assertThat(redis.get(k)).isEqualTo("zero");
                return;
            }
            assertThat(redis.select(2)).isEqualTo("OK");
            assertThat(redis.set(k, "two")).isEqualTo("OK");
            assertThat(redis.select(0)).isEqualTo("OK");
            assertThat(redis.get(k)).isNull();
            assertThat(redis.set(k, "zero")).isEqualTo("OK");
            assertThat(redis.select(2)).isEqualTo("OK");
            assertThat(redis.get(k)).isEqualTo("two");
        } finally {
            gateway.delete(target, 0, k);
            if (target.has(Feature.SELECT)) {
                gateway.delete(target, 2, k);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void authRejectsWrongPasswordAndAcceptsTheRightOne(Target target, Resp resp) throws Exception {
        int port = gateway.authPort(target);
        String k = GatewayFixture.prefix() + "k";

        RedisURI wrong = gateway.uri(port);
        wrong.setCredentialsProvider(io.lettuce.core.RedisCredentialsProvider.from(
                () -> io.lettuce.core.RedisCredentials.just(null, "not-" + GatewayFixture.PASSWORD)));
        // Lettuce reports the refused handshake either as WRONGPASS or, racing its own handler removal, as
        // "RedisHandshakeHandler not registered"; the connect fails either way, and the reply itself is checked on
        // a raw connection.
        assertThatThrownBy(() -> gateway.lettuce(wrong, resp).connect().close())
                .isInstanceOf(io.lettuce.core.RedisConnectionException.class);
        try (RespSocket raw = new RespSocket(port)) {
            assertThat(raw.call("AUTH", "not-" + GatewayFixture.PASSWORD)).isEqualTo(
                    new RespSocket.Error("WRONGPASS invalid username-password pair or user is disabled."));
        }

        // Like Redis with requirepass, the handshake (CLIENT SETINFO, or HELLO 3) gets NOAUTH and the connection
        // attempt fails. (Lettuce sometimes reports that as "RedisHandshakeHandler not registered", so the NOAUTH
        // itself is checked on a raw connection.)
        assertThatThrownBy(() -> gateway.lettuce(gateway.uri(port), resp).connect().close())
                .isInstanceOf(io.lettuce.core.RedisConnectionException.class);
        try (RespSocket raw = new RespSocket(port)) {
            assertThat(raw.call("GET", k)).isEqualTo(new RespSocket.Error("NOAUTH Authentication required."));
        }

        RedisURI right = gateway.uri(port);
        right.setCredentialsProvider(io.lettuce.core.RedisCredentialsProvider.from(
                () -> io.lettuce.core.RedisCredentials.just(null, GatewayFixture.PASSWORD)));
        try (StatefulRedisConnection<String, String> conn = gateway.lettuce(right, resp).connect()) {
            assertThat(protocolOf(conn)).isEqualTo(expectedProtocol(target, resp));
            assertThat(conn.sync().ping()).isEqualTo("PONG");
            assertThat(conn.sync().set(k, "secret")).isEqualTo("OK");
            assertThat(conn.sync().get(k)).isEqualTo("secret");
            assertThat(conn.sync().del(k)).isEqualTo(1L);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndProtocols")
    void tenMegabyteValueRoundTripsByteExact(Target target, Resp resp) throws Exception {
        byte[] key = (GatewayFixture.prefix() + "big").getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[10 * 1024 * 1024 + 123];
        new Random(42).nextBytes(value);
        RedisClient client = gateway.lettuce(target, resp);
        try (StatefulRedisConnection<byte[], byte[]> conn = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> redis = conn.sync();
            assertThat(redis.set(key, value)).isEqualTo("OK");
            assertThat(redis.strlen(key)).isEqualTo(value.length);
            byte[] back = redis.get(key);
            assertThat(back).isNotNull();
            assertThat(back.length).isEqualTo(value.length);
            assertThat(sha256(back)).isEqualTo(sha256(value));
            assertThat(redis.del(key)).isEqualTo(1L);
        }
    }

    static ProtocolVersion expectedProtocol(Target target, Resp resp) {
        return resp == Resp.NEGOTIATED && target.has(Feature.RESP3) ? ProtocolVersion.RESP3 : ProtocolVersion.RESP2;
    }

    static ProtocolVersion protocolOf(StatefulRedisConnection<?, ?> conn) {
        return ((StatefulRedisConnectionImpl<?, ?>) conn).getConnectionState().getNegotiatedProtocolVersion();
    }

    static List<String> causeMessages(Throwable e) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable s : t.getSuppressed()) {
                messages.add(String.valueOf(s.getMessage()));
            }
        }
        return messages;
    }

    private static int indexOfBulk(List<?> items, String text) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof byte[] b && new String(b, StandardCharsets.UTF_8).equals(text)) {
                return i;
            }
            if (text.equals(items.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
