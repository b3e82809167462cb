package io.trustgate.compat.s3;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rclone (Debian's {@code rclone}) against every lane, with its S3 remote defined by environment variables only
 * ({@code RCLONE_CONFIG_TG_*}, and RCLONE_CONFIG pointing at a file that does not exist): {@code sync} and
 * {@code check} of a tree with a multipart-sized file, ranged {@code cat}, server-side copy, delete, a presigned
 * {@code link}, and the errors it reports (BucketNotEmpty, SignatureDoesNotMatch).
 */
@Timeout(300)
class RcloneIT {

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void syncsAndChecksATree(S3Target target, @TempDir Path dir) throws Exception {
        Rclone rclone = new Rclone(S3Servers.endpoint(target), dir, null);
        String bucket = SdkClients.bucketName(target, "rclone");
        String remote = "tg:" + bucket;
        rclone.ok("mkdir", remote);
        try {
            // not a whole number of MiB: a server that hashes in 1 MiB blocks must stop at the object's end
            Path tree = TreeFiles.write(dir.resolve("tree"), (12 << 20) + 4321);
            rclone.ok("sync", tree.toString(), remote + "/tree");
            rclone.ok("check", tree.toString(), remote + "/tree");
            assertThat(rclone.ok("lsf", "-R", "--files-only", remote + "/tree")).contains("README.txt",
                    "docs/deep/er/b.txt", "img/big.bin");

            Files.writeString(tree.resolve("docs/a.txt"), "alpha, changed\n");
            Files.writeString(tree.resolve("docs/new.txt"), "new\n");
            Files.delete(tree.resolve("img/pixels.bin"));
            assertThat(rclone.fails("check", tree.toString(), remote + "/tree")).contains("differences found");
            rclone.ok("sync", tree.toString(), remote + "/tree");
            rclone.ok("check", tree.toString(), remote + "/tree");
            Path back = dir.resolve("back");
            rclone.ok("sync", remote + "/tree", back.toString());
            assertThat(TreeFiles.contents(back)).isEqualTo(TreeFiles.contents(tree));

            assertThat(rclone.ok("cat", "--offset", "2", "--count", "3", remote + "/tree/docs/a.txt"))
                    .isEqualTo("pha");
            // a server-side CopyObject of the multipart big.bin: rclone takes a copy's plain (32-hex) ETag for the
            // MD5 of its bytes, so check fails unless that ETag is that MD5 (or the source's multipart ETag)
            rclone.ok("copyto", remote + "/tree/img/big.bin", remote + "/copied/big.bin");
            rclone.ok("check", tree.resolve("img").toString(), remote + "/copied", "--one-way", "--include",
                    "big.bin");

            String link = rclone.ok("link", "--expire", "10m", remote + "/tree/docs/a.txt").trim();
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("alpha, changed\n");

            rclone.ok("delete", remote + "/copied");
            assertThat(rclone.ok("lsf", remote)).doesNotContain("copied/").contains("tree/");

            assertThat(rclone.fails("rmdir", remote)).contains("BucketNotEmpty");
            assertThat(new Rclone(S3Servers.endpoint(target), dir, "wrong-secret").fails("lsf", remote))
                    .contains("SignatureDoesNotMatch");
        } finally {
            rclone.run("purge", remote);
        }
    }

    /** {@code /usr/bin/rclone} with one S3 remote, {@code tg:}, defined by environment. */
    private static final class Rclone {
        private final Map<String, String> env = new HashMap<>();

        Rclone(S3Endpoint endpoint, Path dir, String secret) {
            Tools.require(Tools.RCLONE, "apt-get install -y rclone");
            env.put("RCLONE_CONFIG", dir.resolve("no-rclone.conf").toString());
            // rclone's S3 client fails to start when AWS_CA_BUNDLE is set (LoadCustomCABundleError), and the
            // endpoint is plain HTTP anyway.
            env.put("AWS_CA_BUNDLE", null);
            env.put("RCLONE_CONFIG_TG_TYPE", "s3");
            env.put("RCLONE_CONFIG_TG_PROVIDER", "Other");
            env.put("RCLONE_CONFIG_TG_ENV_AUTH", "false");
            env.put("RCLONE_CONFIG_TG_ACCESS_KEY_ID", endpoint.accessKey());
            env.put("RCLONE_CONFIG_TG_SECRET_ACCESS_KEY", secret == null ? endpoint.secretKey() : secret);
            env.put("RCLONE_CONFIG_TG_ENDPOINT", endpoint.http().toString());
            env.put("RCLONE_CONFIG_TG_REGION", S3Endpoint.REGION);
            env.put("RCLONE_CONFIG_TG_FORCE_PATH_STYLE", "true");
            // 5 MiB parts from 5 MiB up: the 12 MiB file goes up as a 3-part multipart upload.
            env.put("RCLONE_CONFIG_TG_UPLOAD_CUTOFF", "5Mi");
            env.put("RCLONE_CONFIG_TG_CHUNK_SIZE", "5Mi");
            env.put("RCLONE_RETRIES", "1");
            env.put("RCLONE_LOW_LEVEL_RETRIES", "2");
        }

        Cli.Result run(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Tools.RCLONE));
            command.addAll(List.of(args));
            return Cli.run(command, env, null, Duration.ofSeconds(180));
        }

        String ok(String... args) throws IOException {
            Cli.Result r = run(args);
            assertThat(r.exitCode()).as("rclone %s%n%s", String.join(" ", args), r.output()).isZero();
            return r.stdout();
        }

        String fails(String... args) throws IOException {
            Cli.Result r = run(args);
            assertThat(r.exitCode()).as("rclone %s should fail%n%s", String.join(" ", args), r.output()).isNotZero();
            return r.output();
        }
    }
}
