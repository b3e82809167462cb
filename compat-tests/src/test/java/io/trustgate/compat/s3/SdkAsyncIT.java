package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import io.trustgate.compat.s3.S3Target.Deviation;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryDownload;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryUpload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK for Java v2 {@link S3AsyncClient} (Netty) and {@link S3TransferManager}, unchanged, over HTTP and
 * HTTPS: concurrent puts and gets, ranges, the SDK's automatic multipart upload and download, copy, delete-many,
 * and directory upload and download.
 */
@Timeout(240)
class SdkAsyncIT {

    private static final String OBJECT_SIZE = "x-amz-mp-object-size";

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targetsAndSchemes")
    void putsGetsListsAndDeletesConcurrently(S3Target target, Scheme scheme) {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "async");
        try (S3AsyncClient s3 = SdkClients.async(endpoint, scheme, false)) {
            s3.createBucket(b -> b.bucket(bucket)).join();
            try {
                List<CompletableFuture<?>> puts = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    byte[] data = Payloads.random(10_000 + i, i);
                    String key = String.format("p/%02d", i);
                    puts.add(s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(data)));
                }
                CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();

                List<CompletableFuture<byte[]>> gets = IntStream.range(0, 20).mapToObj(i -> s3.getObject(b -> b
                        .bucket(bucket).key(String.format("p/%02d", i)), AsyncResponseTransformer.toBytes())
                        .thenApply(r -> r.asByteArray())).toList();
                for (int i = 0; i < 20; i++) {
                    assertThat(gets.get(i).join()).isEqualTo(Payloads.random(10_000 + i, i));
                }
                byte[] ranged = s3.getObject(b -> b.bucket(bucket).key("p/05").range("bytes=100-199"),
                        AsyncResponseTransformer.toBytes()).join().asByteArray();
                assertThat(ranged).isEqualTo(Arrays.copyOfRange(Payloads.random(10_005, 5), 100, 200));

                List<String> listed = new ArrayList<>();
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("p/").maxKeys(7))
                        .subscribe(page -> page.contents().forEach(o -> listed.add(o.key()))).join();
                assertThat(listed).hasSize(20).isSorted();

                s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("p/00").destinationBucket(bucket)
                        .destinationKey("copy")).join();
                assertThat(s3.getObject(b -> b.bucket(bucket).key("copy"), AsyncResponseTransformer.toBytes())
                        .join().asByteArray()).isEqualTo(Payloads.random(10_000, 0));

                List<ObjectIdentifier> ids = listed.stream().map(k -> ObjectIdentifier.builder().key(k).build())
                        .toList();
                assertThat(s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids))).join().deleted())
                        .hasSize(20);
                assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("p/00"),
                        AsyncResponseTransformer.toBytes()).join())
                        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(NoSuchKeyException.class);
            } finally {
                try (S3Client sync = SdkClients.sync(endpoint, scheme)) {
                    SdkClients.deleteBucket(sync, bucket);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targetsAndSchemes")
    void transferManagerMovesLargeFilesAndDirectoryTrees(S3Target target, Scheme scheme, @TempDir Path dir)
            throws Exception {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "tm");
        Path big = dir.resolve("big.bin");
        byte[] data = Payloads.random(17 << 20, 21);
        Files.write(big, data);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("top.txt"), "top");
        Files.writeString(tree.resolve("a/one.txt"), "one");
        Files.write(tree.resolve("a/b/two.bin"), Payloads.random(300_000, 22));
        boolean dropObjectSize = target.deviates(Deviation.MP_OBJECT_SIZE_NOT_IMPLEMENTED);
        try (S3AsyncClient s3 = dropObjectSize
                ? SdkClients.async(endpoint, scheme, true, new DropHeader(OBJECT_SIZE))
                : SdkClients.async(endpoint, scheme, true);
             S3AsyncClient single = SdkClients.async(endpoint, scheme, false);
             S3TransferManager tm = S3TransferManager.builder().s3Client(s3).build()) {
            s3.createBucket(b -> b.bucket(bucket)).join();
            try {
                if (dropObjectSize) {
                    // S3Proxy refuses the SDK's own multipart completion; the rest of this test runs with the
                    // header dropped from the requests, so that only this one departure from AWS is excused.
                    try (S3AsyncClient plain = SdkClients.async(endpoint, scheme, true);
                         S3TransferManager plainTm = S3TransferManager.builder().s3Client(plain).build()) {
                        assertThatThrownBy(() -> plainTm.uploadFile(u -> u.source(big).putObjectRequest(p -> p
                                .bucket(bucket).key("refused.bin"))).completionFuture().join())
                                .hasCauseInstanceOf(S3Exception.class)
                                .cause().satisfies(e -> {
                                    assertThat(((S3Exception) e).statusCode()).isEqualTo(501);
                                    assertThat(((S3Exception) e).awsErrorDetails().errorCode())
                                            .isEqualTo("NotImplemented");
                                });
                    }
                }
                String etag = tm.uploadFile(u -> u.source(big).putObjectRequest(p -> p.bucket(bucket).key("big.bin")))
                        .completionFuture().join().response().eTag();
                // 17 MiB in the configured 5 MiB parts: the SDK's automatic multipart upload, 4 parts.
                assertThat(etag).matches("\"[0-9a-f]{32}-4\"");
                Path back = dir.resolve("back.bin");
                S3TransferManager downloads = tm;
                if (target.deviates(Deviation.PART_NUMBER_GET_NOT_IMPLEMENTED)) {
                    // S3Proxy cannot serve one part of a multipart object, which the SDK's multipart download
                    // asks for; downloads on this lane go through a transfer manager without automatic multipart.
                    assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("big.bin").partNumber(1),
                            AsyncResponseTransformer.toBytes()).join()).cause()
                            .isInstanceOfSatisfying(S3Exception.class, e -> {
                                assertThat(e.statusCode()).isEqualTo(501);
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                            });
                    downloads = S3TransferManager.builder().s3Client(single).build();
                } else {
                    assertThat(s3.getObject(b -> b.bucket(bucket).key("big.bin").partNumber(2),
                            AsyncResponseTransformer.toBytes()).join().asByteArray())
                            .isEqualTo(Arrays.copyOfRange(data, 5 << 20, 10 << 20));
                    // A HEAD of one part gives that part's length (the last is 2 MiB) and the part count.
                    HeadObjectResponse last = s3.headObject(b -> b.bucket(bucket).key("big.bin").partNumber(4)).join();
                    assertThat(last.contentLength()).isEqualTo(2L << 20);
                    assertThat(last.partsCount()).isEqualTo(4);
                }
                downloads.downloadFile(d -> d.destination(back).getObjectRequest(g -> g.bucket(bucket).key("big.bin")))
                        .completionFuture().join();
                assertThat(Files.readAllBytes(back)).isEqualTo(data);

                assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).join().contents()).extracting(S3Object::key)
                        .containsExactly("big.bin");
                tm.copy(c -> c.copyObjectRequest(r -> r.sourceBucket(bucket).sourceKey("big.bin")
                        .destinationBucket(bucket).destinationKey("big-copy.bin"))).completionFuture().join();
                assertThat(s3.headObject(b -> b.bucket(bucket).key("big-copy.bin")).join().contentLength())
                        .isEqualTo(data.length);

                CompletedDirectoryUpload up = tm.uploadDirectory(u -> u.source(tree).bucket(bucket)
                        .s3Prefix("tree")).completionFuture().join();
                assertThat(up.failedTransfers()).isEmpty();
                List<String> keys = new ArrayList<>();
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("tree/"))
                        .subscribe(p -> p.contents().stream().map(S3Object::key).forEach(keys::add)).join();
                assertThat(keys).containsExactlyInAnyOrder("tree/top.txt", "tree/a/one.txt", "tree/a/b/two.bin");

                Path down = dir.resolve("down");
                CompletedDirectoryDownload got = downloads.downloadDirectory(d -> d.destination(down).bucket(bucket)
                        .listObjectsV2RequestTransformer(l -> l.prefix("tree/"))).completionFuture().join();
                assertThat(got.failedTransfers()).isEmpty();
                // The prefix is the root of the download: tree/a/one.txt lands as a/one.txt.
                assertThat(Files.readString(down.resolve("a/one.txt"))).isEqualTo("one");
                assertThat(Files.readString(down.resolve("top.txt"))).isEqualTo("top");
                assertThat(Files.readAllBytes(down.resolve("a/b/two.bin")))
                        .isEqualTo(Payloads.random(300_000, 22));
            } finally {
                try (S3Client sync = SdkClients.sync(endpoint, scheme)) {
                    SdkClients.deleteBucket(sync, bucket);
                }
            }
        }
    }
}
