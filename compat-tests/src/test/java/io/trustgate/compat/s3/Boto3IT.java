package io.trustgate.compat.s3;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * boto3 (Debian's {@code python3-boto3}, run by {@code /usr/bin/python3}) against every lane, through
 * {@code src/test/python/s3_compat.py}: listing, put/get/range, multipart, transfer, copy, delete-many, presigned
 * GET and PUT, Signature Version 2 (header-signed calls, presigned GET and PUT, expired, tampered and unknown-key
 * refusals), metadata, checksums, errors, and version ids and write headers that are refused. The lane's deviations are passed from {@link S3Target}.
 */
@Timeout(300)
class Boto3IT {

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void boto3ChecksAllPass(S3Target target) throws Exception {
        Tools.requirePythonModule("boto3", "apt-get install -y python3-boto3");
        S3Endpoint endpoint = S3Servers.endpoint(target);
        Path script = Cli.projectRoot().resolve("compat-tests/src/test/python/s3_compat.py");
        assertThat(script).exists();
        Cli.Result result = Cli.run(List.of(Tools.PYTHON, script.toString(), "--endpoint", endpoint.http().toString(),
                "--access-key", endpoint.accessKey(), "--secret-key", endpoint.secretKey(), "--target", target.id(),
                "--deviations", target.deviationList()), Map.of(), null, Duration.ofSeconds(280));
        assertThat(result.exitCode()).as("s3_compat.py exit code; its output:%n%s", result.output()).isZero();
        assertThat(result.stdout()).as(result.output()).containsPattern("(?m)^14 passed, 0 failed$");
    }
}
