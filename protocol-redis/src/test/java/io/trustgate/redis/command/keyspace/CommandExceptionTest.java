package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Texts compared with redis-server 7.0's replies. */
class CommandExceptionTest {

    private static byte[][] argv(String... args) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    @Test
    void unknownCommandQuotesTheArgumentsWithATrailingSpace() {
        assertThat(CommandException.unknownCommand(argv("foo", "a", "b")))
                .isEqualTo("ERR unknown command 'foo', with args beginning with: 'a' 'b' ");
        assertThat(CommandException.unknownCommand(argv("foo")))
                .isEqualTo("ERR unknown command 'foo', with args beginning with: ");
    }

    @Test
    void unknownCommandCutsArgumentsAt128Characters() {
        String text = CommandException.unknownCommand(argv("foo", "x".repeat(200), "next"));
        assertThat(text).isEqualTo("ERR unknown command 'foo', with args beginning with: '" + "x".repeat(128) + "' ");
        String many = CommandException.unknownCommand(argv("foo", "a".repeat(100), "b".repeat(100), "c"));
        assertThat(many).endsWith("'" + "a".repeat(100) + "' '" + "b".repeat(25) + "' ");
    }

    @Test
    void unknownCommandNeverCarriesLineBreaks() {
        assertThat(CommandException.unknownCommand(argv("f\r\noo", "a\nb"))).doesNotContain("\r", "\n")
                .startsWith("ERR unknown command 'f  oo'");
    }

    @Test
    void refusalNamesCommandBackendAndReason() {
        assertThat(CommandException.refused("blpop", "embedded", "no lists"))
                .isEqualTo("ERR command 'BLPOP' is not supported by backend 'embedded' (no lists)");
    }
}
