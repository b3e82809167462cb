package io.trustgate.compat.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.trustgate.compat.redis.GatewayFixture.Resp;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What real clients never send, through a raw socket: malformed frames, unknown commands, inline commands and a
 * client that vanishes mid-pipeline. Each must cost that one connection at most, never the gateway.
 */
@Timeout(120)
class BadInputIT extends GatewayTest {


    @ParameterizedTest
    @EnumSource(Target.class)
    void malformedFrameGetsProtocolErrorAndClosesOnlyThatConnection(Target target) throws Exception {
        String k = GatewayFixture.prefix() + "k";
        try (StatefulRedisConnection<String, String> bystander = gateway.lettuce(target, Resp.RESP2).connect()) {
            assertThat(bystander.sync().set(k, "before")).isEqualTo("OK");
            try (RespSocket bad = new RespSocket(gateway.port(target))) {
                bad.sendRaw("*1\r\n$x\r\n".getBytes(StandardCharsets.US_ASCII));
                Object reply = bad.read();
                assertThat(reply).isInstanceOf(RespSocket.Error.class);
                assertThat(((RespSocket.Error) reply).message()).startsWith("ERR Protocol error: ");
                assertThat(bad.closedByPeer()).as("the gateway closes the connection after a protocol error")
                        .isTrue();
            }
            assertThat(bystander.sync().get(k)).isEqualTo("before");
            assertThat(bystander.sync().set(k, "after")).isEqualTo("OK");
            assertThat(bystander.sync().get(k)).isEqualTo("after");
        } finally {
            gateway.delete(target, 0, k);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void unknownCommandGetsAnErrorAndTheConnectionStaysUsable(Target target) throws Exception {
        try (RespSocket s = new RespSocket(gateway.port(target))) {
            Object reply = s.call("NOSUCHCOMMAND", "a", "b");
            assertThat(reply).isEqualTo(new RespSocket.Error(
                    "ERR unknown command 'NOSUCHCOMMAND', with args beginning with: 'a' 'b' "));
            assertThat(s.call("PING")).isEqualTo("PONG");
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void inlineCommandsAreUnderstood(Target target) throws Exception {
        String k = GatewayFixture.prefix() + "inline";
        try (RespSocket s = new RespSocket(gateway.port(target))) {
            s.sendRaw("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.read()).isEqualTo("PONG");
            s.sendRaw(("SET " + k + " \"two words\"\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(s.read()).isEqualTo("OK");
            assertThat(s.call("GET", k)).isEqualTo("two words".getBytes(StandardCharsets.US_ASCII));
        } finally {
            gateway.delete(target, 0, k);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void clientThatDisconnectsMidPipelineLeavesTheGatewayWorking(Target target) throws Exception {
        String p = GatewayFixture.prefix();
        String value = "x".repeat(100);
        try (StatefulRedisConnection<String, String> bystander = gateway.lettuce(target, Resp.RESP2).connect()) {
            assertThat(bystander.sync().set(p + "stable", "yes")).isEqualTo("OK");
            for (int round = 0; round < 3; round++) {
                ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
                for (int i = 0; i < 10_000; i++) {
                    pipeline.writeBytes(i % 2 == 0 ? RespSocket.encode("SET", p + (i % 100), value)
                            : RespSocket.encode("GET", p + (i % 100)));
                }
                RespSocket quitter = new RespSocket(gateway.port(target));
                quitter.sendRaw(pipeline.toByteArray());
                quitter.close(); // without reading a single reply
            }
            assertThat(bystander.sync().get(p + "stable")).isEqualTo("yes");
            try (StatefulRedisConnection<String, String> next = gateway.lettuce(target, Resp.RESP2).connect()) {
                assertThat(next.sync().get(p + "stable")).isEqualTo("yes");
                assertThat(next.sync().ping()).isEqualTo("PONG");
            }
            try (RespSocket raw = new RespSocket(gateway.port(target))) {
                assertThat(raw.call("GET", p + "stable")).isEqualTo("yes".getBytes(StandardCharsets.US_ASCII));
            }
        } finally {
            String[] keys = new String[101];
            for (int i = 0; i < 100; i++) {
                keys[i] = p + i;
            }
            keys[100] = p + "stable";
            gateway.delete(target, 0, keys);
        }
    }
}
