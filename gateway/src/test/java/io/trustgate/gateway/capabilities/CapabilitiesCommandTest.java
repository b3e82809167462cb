package io.trustgate.gateway.capabilities;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilitiesCommandTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("basedir", ".")).resolve("../examples")
            .normalize();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CapabilitiesCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private List<String> lines() {
        return Arrays.asList(out.toString().split("\n"));
    }

    @Test
    void printsOneLinePerCommandWithALetterPerBackendKind() {
        assertThat(run()).isZero();
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("COMMAND +GROUP +redis +redis-cluster +embedded"
                + " +postgres +mariadb +NOTES"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("GET +string +N +N +N +N +N"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches(
                "MGET +string +N +E +N +N +N +redis-cluster: keys in several slots: split per slot.*"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("CLUSTER +cluster +N +R +R .*"));
    }

    @Test
    void narrowsToOneBackendAndOneCommandWithItsForms() {
        assertThat(run("--backend", "REDIS-CLUSTER", "--command", "hello")).isZero();
        List<String> rows = lines().subList(3, lines().size());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).matches("HELLO +connection +N +answered by the gateway");
        assertThat(rows.get(1)).matches("HELLO 3 +connection +R +RESP3 replies would come from several nodes.*"
                + "NOPROTO.*");
    }

    @Test
    void answersAnyArgumentFormAsked() {
        assertThat(run("--command", "select  5", "--backend", "redis-cluster")).isZero();
        assertThat(lines().get(lines().size() - 1)).matches("SELECT 5 +connection +R +Redis Cluster has db 0 only.*");
    }

    @Test
    void rendersTheCompatibilityDocInMarkdown() {
        assertThat(run("--format", "markdown")).isZero();
        assertThat(out.toString()).startsWith("# Redis compatibility\n")
                .contains("| `MGET` | N | E | N | N | N | redis-cluster: keys in several slots")
                .contains("## sorted-set\n")
                .contains("# S3 compatibility\n")
                .isEqualTo(CompatibilityDoc.markdown());
    }

    @Test
    void columnsAreTheConfiguredBackendsWithConfig() {
        assertThat(run("--config", EXAMPLES.resolve("redis-prefix-routes.yaml").toString(), "--command", "get"))
                .isZero();
        assertThat(lines().get(2)).matches("COMMAND +GROUP +main +sessions +NOTES");
        assertThat(lines().get(3)).matches("GET +string( +N)+");
    }

    @Test
    void printsTheS3OperationsPerBackendKind() {
        assertThat(run("--protocol", "s3")).isZero();
        assertThat(lines()).noneSatisfy(l -> assertThat(l).startsWith("COMMAND"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("OPERATION +GROUP +filesystem +azure +s3 +NOTES"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("PutObject +objects +N +N +N"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches(
                "UploadPartCopy +copy +N +E +N +filesystem: kernel copy.*azure: the source range is read.*"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches(
                "CreateMultipartUpload +multipart +N +E +N +azure: parts are staged blocks.*"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("\\?tagging +not implemented +R +R +R +all: .*"));
    }

    @Test
    void narrowsToOneS3OperationAndBackend() {
        assertThat(run("--command", "uploadpartcopy", "--backend", "azure")).isZero();
        List<String> rows = lines().subList(3, lines().size());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).matches("UploadPartCopy +copy +E +the source range is read and staged.*");
        assertThat(out.toString()).doesNotContain("COMMAND");
    }

    @Test
    void bothProtocolsByDefaultAndS3ColumnsFromConfig() {
        assertThat(run()).isZero();
        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("COMMAND"))
                .anySatisfy(l -> assertThat(l).startsWith("OPERATION"));
        out.getBuffer().setLength(0);
        assertThat(run("--config", EXAMPLES.resolve("s3-azure.yaml").toString(), "--protocol", "s3",
                "--command", "CopyObject")).isZero();
        assertThat(lines().get(2)).matches("OPERATION +GROUP( +[a-z0-9-]+)+ +NOTES");
        assertThat(lines().get(3)).matches("CopyObject +copy( +N)+.*Copy Blob.*");
    }

    @Test
    void rejectsUnknownBackendCommandAndFormat() {
        assertThat(run("--backend", "mongodb")).isEqualTo(CapabilitiesCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("no backend 'mongodb'; expected one of: redis, redis-cluster, embedded");
        assertThat(run("--command", "frobnicate")).isEqualTo(CapabilitiesCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("no command 'frobnicate'");
        assertThat(run("--protocol", "s3", "--command", "get")).isEqualTo(CapabilitiesCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("no S3 operation 'get'");
        assertThat(run("--protocol", "smtp")).isEqualTo(CapabilitiesCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--protocol must be redis or s3");
        assertThat(run("--format", "html")).isEqualTo(CapabilitiesCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--format must be text or markdown");
        assertThat(out.toString()).isEmpty();
    }
}
