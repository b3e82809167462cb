package io.trustgate.compat.redis;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redis-cli}, unchanged, against every target: one-shot commands, --no-raw formatting and --pipe mode. */
@Timeout(120)
class RedisCliIT extends GatewayTest {

    private static final Duration NO_HANG = Duration.ofSeconds(60);
    private static String cli;

    @BeforeAll
    static void findTools() throws Exception {
        cli = Processes.executable("redis-cli");
    }

    private static Processes.Result cli(Target target, Path stdin, String... args) throws IOException {
        if (cli == null) {
            String why = "redis-cli is not installed (apt-get install -y redis-tools)";
            Assertions.fail(why);
        }
        List<String> command = new ArrayList<>(List.of(cli, "-h", "127.0.0.1", "-p",
                Integer.toString(gateway.port(target))));
        command.addAll(List.of(args));
        return Processes.run(command, NO_HANG, stdin);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void oneShotCommandsPrintTheirReplies(Target target) throws Exception {
        String p = GatewayFixture.prefix();
        try {
            Processes.Result ping = cli(target, null, "PING");
            assertThat(ping.exitCode()).as(ping.output()).isZero();
            assertThat(ping.stdout().trim()).isEqualTo("PONG");

            Processes.Result set = cli(target, null, "SET", p + "k", "hello world");
            assertThat(set.exitCode()).as(set.output()).isZero();
            assertThat(set.stdout().trim()).isEqualTo("OK");

            Processes.Result get = cli(target, null, "GET", p + "k");
            assertThat(get.exitCode()).as(get.output()).isZero();
            assertThat(get.stdout().trim()).isEqualTo("hello world");

            assertThat(cli(target, null, "SET", p + "a", "A").stdout().trim()).isEqualTo("OK");
            Processes.Result mget = cli(target, null, "--no-raw", "MGET", p + "a", p + "b");
            assertThat(mget.exitCode()).as(mget.output()).isZero();
            assertThat(mget.stdout()).isEqualTo("1) \"A\"\n2) (nil)\n");

            Processes.Result unknown = cli(target, null, "--no-raw", "NOSUCHCOMMAND", "x");
            assertThat(unknown.stdout()).as(unknown.output())
                    .startsWith("(error) ERR unknown command 'NOSUCHCOMMAND'");
        } finally {
            gateway.delete(target, 0, p + "k", p + "a");
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void pipeModeSendsTenThousandSetsWithoutErrors(Target target) throws Exception {
        String p = GatewayFixture.prefix();
        Path file = Files.createTempFile("trustgate-pipe-", ".resp");
        try {
            ByteArrayOutputStream commands = new ByteArrayOutputStream();
            for (int i = 0; i < 10_000; i++) {
                commands.writeBytes(RespSocket.encode("SET", p + i, "value-" + i));
            }
            Files.write(file, commands.toByteArray());
            Processes.Result pipe = cli(target, file, "--pipe");
            assertThat(pipe.exitCode()).as(pipe.output()).isZero();
            assertThat(pipe.output()).contains("errors: 0, replies: 10000");

            assertThat(cli(target, null, "GET", p + 0).stdout().trim()).isEqualTo("value-0");
            assertThat(cli(target, null, "GET", p + 9999).stdout().trim()).isEqualTo("value-9999");
        } finally {
            Files.deleteIfExists(file);
            String[] keys = new String[10_000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = p + i;
            }
            gateway.delete(target, 0, keys);
        }
    }
}
