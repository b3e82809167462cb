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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * awscli v2 (Debian's {@code awscli}, {@code /usr/bin/aws}) against every lane: {@code aws s3 cp} and
 * {@code sync} of a directory tree (with a file past the 8 MiB multipart threshold), and {@code aws s3api} calls
 * for listing, ranges, multipart, copy, delete-many, metadata, presign and errors. Configured by environment only
 * (no config or credentials file is read).
 */
@Timeout(300)
class AwsCliIT {

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void copiesAndSyncsADirectoryTree(S3Target target, @TempDir Path dir) throws IOException {
        Aws aws = new Aws(target, dir);
        String bucket = SdkClients.bucketName(target, "cli");
        Path tree = TreeFiles.write(dir.resolve("tree"), 9 << 20);
        java.nio.file.attribute.FileTime written = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 120_000); // see the second sync below
        try (java.util.stream.Stream<Path> files = Files.walk(tree)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, written);
            }
        }
        aws.ok("s3", "mb", "s3://" + bucket);
        try {
            aws.ok("s3", "cp", "--recursive", tree.toString(), "s3://" + bucket + "/copied/");
            String listed = aws.ok("s3", "ls", "--recursive", "s3://" + bucket + "/copied/");
            assertThat(listed).contains("copied/README.txt", "copied/docs/deep/er/b.txt", "copied/img/big.bin");
            assertThat(aws.ok("s3api", "head-object", "--bucket", bucket, "--key", "copied/img/big.bin"))
                    .containsPattern("\"ETag\": \"\\\\\"[0-9a-f]{32}-2\\\\\"\"");

            aws.ok("s3", "sync", tree.toString(), "s3://" + bucket + "/synced");
            Files.writeString(tree.resolve("docs/a.txt"), "alpha, changed and longer\n");
            Files.writeString(tree.resolve("docs/new.txt"), "new\n");
            // sync uploads a file whose mtime is after the object's LastModified, which S3 gives in whole seconds:
            // files written within the second of their upload would look changed again. Date them a minute back,
            // as files a user edits before a sync are.
            java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 60_000);
            Files.setLastModifiedTime(tree.resolve("docs/a.txt"), past);
            Files.setLastModifiedTime(tree.resolve("docs/new.txt"), past);
            Files.delete(tree.resolve("README.txt"));
            String second = aws.ok("s3", "sync", "--delete", tree.toString(), "s3://" + bucket + "/synced");
            assertThat(second).contains("upload:", "docs/a.txt", "docs/new.txt", "delete:", "README.txt")
                    .doesNotContain("big.bin");

            Path back = dir.resolve("back");
            aws.ok("s3", "sync", "s3://" + bucket + "/synced", back.toString());
            assertThat(TreeFiles.contents(back)).isEqualTo(TreeFiles.contents(tree));
            assertThat(aws.ok("s3", "sync", tree.toString(), "s3://" + bucket + "/synced")).isBlank();
            // each download's mtime is its Last-Modified header (whole seconds); --exact-timestamps downloads again
            // unless the listing's LastModified is that same instant, as S3 lists it
            assertThat(aws.ok("s3", "sync", "--exact-timestamps", "s3://" + bucket + "/synced", back.toString()))
                    .isBlank();

            aws.ok("s3", "rm", "--recursive", "s3://" + bucket + "/copied/");
            assertThat(aws.ok("s3", "ls", "s3://" + bucket + "/")).doesNotContain("copied/").contains("synced/");
        } finally {
            aws.run("s3", "rb", "--force", "s3://" + bucket);
        }
    }

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void s3apiCallsWorkAndErrorsNameTheirCode(S3Target target, @TempDir Path dir) throws Exception {
        Aws aws = new Aws(target, dir);
        String bucket = SdkClients.bucketName(target, "api");
        aws.ok("s3api", "create-bucket", "--bucket", bucket);
        try {
            Path ten = Files.writeString(dir.resolve("ten.txt"), "0123456789");
            aws.ok("s3api", "put-object", "--bucket", bucket, "--key", "d/ten", "--body", ten.toString(),
                    "--content-type", "text/x-ten", "--metadata", "owner=cli,n=1", "--cache-control", "no-cache");
            String head = aws.ok("s3api", "head-object", "--bucket", bucket, "--key", "d/ten");
            assertThat(head).contains("\"ContentType\": \"text/x-ten\"", "\"owner\": \"cli\"", "\"n\": \"1\"",
                    "\"CacheControl\": \"no-cache\"", "\"ContentLength\": 10");
            aws.ok("s3api", "get-object", "--bucket", bucket, "--key", "d/ten", "--range", "bytes=2-4",
                    dir.resolve("part").toString());
            assertThat(Files.readString(dir.resolve("part"))).isEqualTo("234");

            aws.ok("s3api", "copy-object", "--bucket", bucket, "--key", "e/copy", "--copy-source", bucket + "/d/ten");
            String listed = aws.ok("s3api", "list-objects-v2", "--bucket", bucket, "--delimiter", "/");
            assertThat(listed).contains("\"Prefix\": \"d/\"", "\"Prefix\": \"e/\"");
            assertThat(aws.ok("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "e/"))
                    .contains("\"Key\": \"e/copy\"");

            String uploadId = field(aws.ok("s3api", "create-multipart-upload", "--bucket", bucket, "--key", "mpu"),
                    "UploadId");
            List<String> parts = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                Path part = dir.resolve("part" + n);
                Files.write(part, Payloads.random(n < 3 ? 5 << 20 : 100, n));
                String etag = field(aws.ok("s3api", "upload-part", "--bucket", bucket, "--key", "mpu", "--upload-id",
                        uploadId, "--part-number", Integer.toString(n), "--body", part.toString()), "ETag");
                parts.add("{\"PartNumber\": " + n + ", \"ETag\": \"" + etag.replace("\"", "\\\"") + "\"}");
            }
            Path json = Files.writeString(dir.resolve("parts.json"), "{\"Parts\": [" + String.join(",", parts) + "]}");
            String done = aws.ok("s3api", "complete-multipart-upload", "--bucket", bucket, "--key", "mpu",
                    "--upload-id", uploadId, "--multipart-upload", "file://" + json);
            assertThat(done).containsPattern("[0-9a-f]{32}-3");

            String url = aws.ok("s3", "presign", "s3://" + bucket + "/d/ten", "--expires-in", "300").trim();
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("0123456789");

            assertThat(aws.fails("s3api", "delete-object", "--bucket", bucket, "--key", "d/ten", "--version-id",
                    "abc")).contains(target.deviates(S3Target.Deviation.VERSIONING_NOT_IMPLEMENTED)
                    ? "NotImplemented" : "InvalidArgument");
            assertThat(aws.fails("s3api", "put-object", "--bucket", bucket, "--key", "d/sse", "--body",
                    ten.toString(), "--server-side-encryption", "AES256")).contains("NotImplemented");
            assertThat(aws.ok("s3api", "head-object", "--bucket", bucket, "--key", "d/ten"))
                    .contains("\"ContentLength\": 10");

            assertThat(aws.ok("s3api", "delete-objects", "--bucket", bucket, "--delete",
                    "{\"Objects\": [{\"Key\": \"d/ten\"}, {\"Key\": \"e/copy\"}]}"))
                    .contains("\"Key\": \"d/ten\"", "\"Key\": \"e/copy\"");

            assertThat(aws.fails("s3api", "get-object", "--bucket", bucket, "--key", "nope",
                    dir.resolve("x").toString())).contains("NoSuchKey");
            assertThat(aws.fails("s3api", "head-bucket", "--bucket", bucket + "-missing")).contains("404");
            assertThat(aws.fails("s3api", "delete-bucket", "--bucket", bucket)).contains("BucketNotEmpty");
            assertThat(aws.fails("s3api", "get-object", "--bucket", bucket, "--key", "mpu", "--range",
                    "bytes=99999999-", dir.resolve("x").toString())).contains("InvalidRange");
            assertThat(new Aws(target, dir, "wrong-secret").fails("s3api", "list-buckets"))
                    .contains("SignatureDoesNotMatch");
        } finally {
            aws.run("s3", "rb", "--force", "s3://" + bucket);
        }
    }

    /** The value of {@code "name": "value"} in the CLI's JSON output. */
    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\": \"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1).replace("\\\"", "\"");
    }

    /** {@code /usr/bin/aws} for one lane, configured by environment only. */
    private static final class Aws {
        private final S3Endpoint endpoint;
        private final Map<String, String> env;

        Aws(S3Target target, Path dir) {
            this(target, dir, null);
        }

        Aws(S3Target target, Path dir, String secret) {
            Tools.require(Tools.AWS, "apt-get install -y awscli");
            endpoint = S3Servers.endpoint(target);
            env = Map.of("AWS_ACCESS_KEY_ID", endpoint.accessKey(),
                    "AWS_SECRET_ACCESS_KEY", secret == null ? endpoint.secretKey() : secret,
                    "AWS_DEFAULT_REGION", S3Endpoint.REGION, "AWS_CONFIG_FILE", dir.resolve("no-config").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString(),
                    "AWS_PAGER", "", "AWS_MAX_ATTEMPTS", "2");
        }

        Cli.Result run(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Tools.AWS, "--endpoint-url", endpoint.http().toString(),
                    "--no-cli-pager", "--output", "json"));
            command.addAll(List.of(args));
            return Cli.run(command, env, null, Duration.ofSeconds(180));
        }

        String ok(String... args) throws IOException {
            Cli.Result r = run(args);
            assertThat(r.exitCode()).as("aws %s%n%s", String.join(" ", args), r.output()).isZero();
            return r.stdout();
        }

        String fails(String... args) throws IOException {
            Cli.Result r = run(args);
            assertThat(r.exitCode()).as("aws %s should fail%n%s", String.join(" ", args), r.output()).isNotZero();
            return r.stderr();
        }
    }
}
