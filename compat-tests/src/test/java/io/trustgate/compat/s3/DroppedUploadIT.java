package io.trustgate.compat.s3;

import io.trustgate.testsupport.NettyLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that vanish in the middle of an upload, on the FILESYSTEM lane (trustgate on its filesystem backend, in
 * this JVM): a plain PUT, an aws-chunked PUT and an UploadPart, each dropped after part of its body, both by an
 * orderly close and by a reset. None leaves an object, a part or a file in the bucket's {@code tmp/} area, no Netty
 * buffer leaks (the leak detector runs on paranoid, see {@link NettyLeaks}), and the gateway keeps serving.
 */
@Timeout(180)
class DroppedUploadIT {

    private static final S3Target LANE = S3Target.FILESYSTEM;
    private static final int DECLARED = 3_000_000;

    @Test
    void aClientThatDropsMidUploadLeavesNoObjectNoFileAndNoLeak() throws Exception {
        assertThat(NettyLeaks.installed()).as("leak recorder installed by NettyLeaksSession").isTrue();
        S3Endpoint endpoint = S3Servers.endpoint(LANE);
        RawS3 raw = new RawS3(endpoint);
        String bucket = SdkClients.bucketName(LANE, "drop");
        Path bucketDir = S3GatewayFixture.dataDirectory(LANE).resolve(bucket);
        byte[] full = Payloads.random(DECLARED, 77);
        byte[] part = Arrays.copyOf(full, 700_000);
        try (S3Client s3 = SdkClients.sync(endpoint, S3Endpoint.Scheme.HTTP)) {
            s3.createBucket(b -> b.bucket(bucket));
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
            for (boolean reset : new boolean[] {false, true}) {
                SdkHttpRequest put = raw.signed(SdkHttpMethod.PUT, "/" + bucket + "/plain", Map.of(), full,
                        Clock.systemUTC());
                raw.dropMidBody(put, DECLARED, part, reset);

                SignedRequest chunked = raw.unsignedTrailerPut("/" + bucket + "/chunked", full);
                byte[] encoded = readAll(chunked.payload().orElseThrow().newStream());
                raw.dropMidBody(chunked.request(), encoded.length, Arrays.copyOf(encoded, encoded.length / 3),
                        reset);

                SdkHttpRequest uploadPart = raw.signed(SdkHttpMethod.PUT, "/" + bucket + "/mp?partNumber=1&uploadId="
                        + uploadId, Map.of(), full, Clock.systemUTC());
                raw.dropMidBody(uploadPart, DECLARED, part, reset);
            }

            List<String> tmp = List.of();
            for (int i = 0; i < 200; i++) {
                tmp = files(bucketDir.resolve("tmp"));
                if (tmp.isEmpty()) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(tmp).as("files left in " + bucketDir.resolve("tmp")).isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key).isEmpty();
            assertThat(s3.listParts(b -> b.bucket(bucket).key("mp").uploadId(uploadId)).parts()).isEmpty();
            assertThat(files(bucketDir.resolve("uploads"))).as("only the upload's own record")
                    .allMatch(f -> f.endsWith("/upload"));

            s3.abortMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId));
            assertThat(files(bucketDir.resolve("uploads"))).isEmpty();
            SdkHttpRequest good = raw.signed(SdkHttpMethod.PUT, "/" + bucket + "/after", Map.of(), full,
                    Clock.systemUTC());
            assertThat(raw.send(good, full).status()).isEqualTo(200);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("after")).asByteArray()).isEqualTo(full);
            SdkClients.deleteBucket(s3, bucket);
        }
        assertThat(NettyLeaks.collect()).as("Netty buffer leaks").isEmpty();
    }

    /** Regular files under {@code dir}; walked again when one vanishes mid-walk (the server deletes them). */
    private static List<String> files(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> all = Files.walk(dir)) {
                return all.filter(Files::isRegularFile).map(Path::toString).toList();
            } catch (UncheckedIOException | NoSuchFileException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
