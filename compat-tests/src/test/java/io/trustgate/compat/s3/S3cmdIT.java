package io.trustgate.compat.s3;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * s3cmd (Debian's {@code s3cmd}) against every lane, SigV4, path-style, with a config file written per test (never
 * {@code ~/.s3cfg}): put with metadata and a 3-part multipart upload, get, info, ls, cp, sync of a tree both ways,
 * recursive (batched) delete, and the errors it reports.
 */
@Timeout(300)
class S3cmdIT {

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void putsGetsCopiesSyncsAndDeletes(S3Target target, @TempDir Path dir) throws IOException {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        S3cmd s3cmd = new S3cmd(endpoint, dir, null);
        String bucket = SdkClients.bucketName(target, "s3cmd");
        s3cmd.ok("mb", "s3://" + bucket);
        try {
            Path big = dir.resolve("big.bin");
            Files.write(big, Payloads.random(11 << 20, 51));
            s3cmd.ok("put", "--multipart-chunk-size-mb=5", "--mime-type=application/x-big",
                    "--add-header=x-amz-meta-owner:s3cmd", big.toString(), "s3://" + bucket + "/big.bin");
            try (S3Client s3 = SdkClients.sync(endpoint, S3Endpoint.Scheme.HTTP)) {
                // 11 MiB in 5 MiB chunks: s3cmd's multipart upload, 3 parts.
                assertThat(s3.headObject(b -> b.bucket(bucket).key("big.bin")).eTag()).matches("\"[0-9a-f]{32}-3\"");
            }
            String info = s3cmd.ok("info", "s3://" + bucket + "/big.bin");
            assertThat(info).contains("application/x-big").containsPattern("owner:\\s*s3cmd")
                    .containsPattern("File size:\\s*" + (11 << 20));
            s3cmd.ok("get", "s3://" + bucket + "/big.bin", dir.resolve("big.back").toString());
            assertThat(Files.readAllBytes(dir.resolve("big.back"))).isEqualTo(Files.readAllBytes(big));

            s3cmd.ok("cp", "s3://" + bucket + "/big.bin", "s3://" + bucket + "/copy/big.bin");
            assertThat(s3cmd.ok("ls", "s3://" + bucket + "/")).contains("DIR", "s3://" + bucket + "/copy/",
                    "s3://" + bucket + "/big.bin");

            Path tree = TreeFiles.write(dir.resolve("tree"), 1 << 20);
            s3cmd.ok("sync", tree + "/", "s3://" + bucket + "/tree/");
            Files.writeString(tree.resolve("docs/a.txt"), "changed\n");
            Files.delete(tree.resolve("README.txt"));
            s3cmd.ok("sync", "--delete-removed", tree + "/", "s3://" + bucket + "/tree/");
            Path back = Files.createDirectories(dir.resolve("back"));
            s3cmd.ok("sync", "s3://" + bucket + "/tree/", back + "/");
            assertThat(TreeFiles.contents(back)).isEqualTo(TreeFiles.contents(tree));

            s3cmd.ok("del", "--recursive", "--force", "s3://" + bucket + "/tree/");
            assertThat(s3cmd.ok("ls", "--recursive", "s3://" + bucket + "/")).doesNotContain("/tree/");
        } finally {
            s3cmd.run("rb", "--recursive", "--force", "s3://" + bucket);
        }
    }

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void reportsMissingObjectsNonEmptyBucketsAndBadSignatures(S3Target target, @TempDir Path dir)
            throws IOException {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        S3cmd s3cmd = new S3cmd(endpoint, dir, null);
        String bucket = SdkClients.bucketName(target, "s3cmderr");
        s3cmd.ok("mb", "s3://" + bucket);
        try {
            Path file = Files.writeString(dir.resolve("f.txt"), "f");
            s3cmd.ok("put", file.toString(), "s3://" + bucket + "/f.txt");
            assertThat(s3cmd.fails("get", "s3://" + bucket + "/nope", dir.resolve("x").toString()))
                    .contains("does not exist");
            assertThat(s3cmd.fails("info", "s3://" + bucket + "/nope")).contains("404");
            assertThat(s3cmd.fails("rb", "s3://" + bucket)).contains("BucketNotEmpty");
            assertThat(s3cmd.fails("ls", "s3://" + bucket + "-missing/")).contains("NoSuchBucket");
            assertThat(new S3cmd(endpoint, dir.resolve("wrong"), "wrong-secret").fails("ls"))
                    .contains("SignatureDoesNotMatch");
        } finally {
            s3cmd.run("rb", "--recursive", "--force", "s3://" + bucket);
        }
    }

    /** {@code /usr/bin/s3cmd -c <generated config>}. */
    private static final class S3cmd {
        private final Path config;

        S3cmd(S3Endpoint endpoint, Path dir, String secret) throws IOException {
            Tools.require(Tools.S3CMD, "apt-get install -y s3cmd");
            Files.createDirectories(dir);
            String host = endpoint.http().getHost() + ":" + endpoint.http().getPort();
            config = Files.writeString(dir.resolve("s3cfg"), String.join("\n", "[default]",
                    "access_key = " + endpoint.accessKey(),
                    "secret_key = " + (secret == null ? endpoint.secretKey() : secret),
                    "host_base = " + host, "host_bucket = " + host, "use_https = False", "signature_v2 = False",
                    "bucket_location = " + S3Endpoint.REGION, "progress_meter = False", "max_retries = 2", ""));
        }

        Cli.Result run(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Tools.S3CMD, "-c", config.toString()));
            command.addAll(List.of(args));
            return Cli.run(command, Map.of(), null, Duration.ofSeconds(180));
        }

        String ok(String... args) throws IOException {
            Cli.Result r = run(args);
            assertThat(r.exitCode()).as("s3cmd %s%n%s", String.join(" ", args), r.output()).isZero();
            return r.stdout();
        }

        String fails(String... args) throws IOException {
            Cli.Result r = run(args);
            assertThat(r.exitCode()).as("s3cmd %s should fail%n%s", String.join(" ", args), r.output()).isNotZero();
            return r.output();
        }
    }
}
