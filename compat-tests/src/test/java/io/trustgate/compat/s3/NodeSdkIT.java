package io.trustgate.compat.s3;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @aws-sdk/client-s3} (the AWS SDK for JavaScript v3, with its default CRC32 request checksums) on node
 * against every lane, through {@code src/test/node/s3_compat.mjs}. Its packages are installed by {@code .ci/run}
 * ({@code npm ci} in {@code src/test/node}, into the git-ignored {@code node_modules}).
 */
@Timeout(300)
class NodeSdkIT {

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void nodeSdkChecksAllPass(S3Target target) throws Exception {
        String node = Tools.node();
        Path dir = Cli.projectRoot().resolve("compat-tests/src/test/node");
        if (!Files.isDirectory(dir.resolve("node_modules/@aws-sdk/client-s3"))) {
            Assertions.fail("@aws-sdk/client-s3 is not installed in " + dir + " (run: npm ci --prefix " + dir + ")");
        }
        S3Endpoint endpoint = S3Servers.endpoint(target);
        Cli.Result result = Cli.run(List.of(node, "s3_compat.mjs", "--endpoint", endpoint.http().toString(),
                "--access-key", endpoint.accessKey(), "--secret-key", endpoint.secretKey(), "--target", target.id(),
                "--deviations", target.deviationList()), Map.of(), dir, Duration.ofSeconds(280));
        assertThat(result.exitCode()).as("s3_compat.mjs exit code; its output:%n%s", result.output()).isZero();
        assertThat(result.stdout()).as(result.output()).containsPattern("(?m)^8 passed, 0 failed$");
    }
}
