package io.trustgate.gateway.bootstrap;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void capabilitiesRunsAsASubcommandWithoutStartingAServer() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main(Map.of(), System.err));
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("capabilities", "--command", "get", "--backend", "embedded")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^GET +string +N$");
    }

    @Test
    void helpListsTheCapabilitiesSubcommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main(Map.of(), System.err));
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("capabilities");
    }
}
