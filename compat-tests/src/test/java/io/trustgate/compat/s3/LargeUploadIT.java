package io.trustgate.compat.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One large PutObject (5 GiB, the most one PUT may carry) through trustgate on the filesystem backend, with the AWS
 * SDK v2 sync client (aws-chunked, signed chunks and a CRC32 trailer over HTTP), while the gateway's resident set
 * size is sampled from {@code /proc/<pid>/status}: the gateway runs as a child JVM ({@link GatewayProcess}) so its
 * RSS is its own. The body streams through in chunks, so RSS stays bounded by the JVM's configured memory and does
 * not grow with the object; the test asserts a bound far below the object size and prints the samples.
 *
 * <p>{@code -Ds3.largeUpload.bytes=N} uploads N bytes instead (quick local runs); CI runs the full 5 GiB.
 */
@Timeout(1800)
class LargeUploadIT {

    static final long SIZE = Long.getLong("s3.largeUpload.bytes", 5L << 30);
    /** The child's heap cap; direct memory defaults to the same. */
    static final String HEAP = "-Xmx256m";
    /** RSS bound: heap + direct memory + metaspace, code and thread stacks, with room; far below 5 GiB. */
    static final long MAX_RSS = 768L << 20;

    @Test
    void aLargeUploadKeepsTheGatewaysResidentSetBounded() throws Exception {
        List<long[]> samples = new ArrayList<>();
        try (GatewayProcess gateway = GatewayProcess.start(List.of(HEAP));
             S3Client s3 = client(gateway)) {
            long baseline = gateway.residentBytes();
            String bucket = SdkClients.bucketName(S3Target.FILESYSTEM, "large");
            s3.createBucket(b -> b.bucket(bucket));
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    long rss = gateway.residentBytes();
                    synchronized (samples) {
                        samples.add(new long[] {(System.nanoTime() - start) / 1_000_000, rss});
                    }
                } catch (IOException e) {
                    // the child is gone; the upload fails and says so
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            PatternStream.Crc crc = new PatternStream.Crc();
            try {
                s3.putObject(b -> b.bucket(bucket).key("large"), RequestBody.fromContentProvider(
                        ContentStreamProvider.fromInputStreamSupplier(() -> new PatternStream(SIZE, crc)), SIZE,
                        "application/octet-stream"));
            } finally {
                sampler.shutdownNow();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("large")
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(head.contentLength()).isEqualTo(SIZE);
            assertThat(head.checksumCRC32()).isEqualTo(crc.base64());
            long peak;
            synchronized (samples) {
                peak = samples.stream().mapToLong(s -> s[1]).max().orElseThrow();
                System.out.printf("LargeUploadIT: %d MiB in %.1f s (%.1f MB/s); gateway %s RSS before %d MiB, "
                                + "peak %d MiB, last %d MiB over %d samples; every 10th sample (ms, MiB): %s%n",
                        SIZE >> 20, seconds, SIZE / seconds / 1e6, HEAP, baseline >> 20, peak >> 20,
                        samples.get(samples.size() - 1)[1] >> 20, samples.size(), every10th(samples));
            }
            assertThat(peak).as("gateway peak RSS, bytes (%s)", HEAP).isLessThan(MAX_RSS);
            s3.deleteObject(b -> b.bucket(bucket).key("large"));
            s3.deleteBucket(b -> b.bucket(bucket));
            try (var left = Files.walk(gateway.dataDirectory())) {
                assertThat(left.filter(Files::isRegularFile).map(Object::toString)
                        .filter(f -> !f.endsWith("/.lock")).toList()).isEmpty();
            }
        }
    }

    private static String every10th(List<long[]> samples) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < samples.size(); i += 10) {
            out.append(samples.get(i)[0]).append(':').append(samples.get(i)[1] >> 20).append(' ');
        }
        return out.toString().trim();
    }

    private static S3Client client(GatewayProcess gateway) {
        return S3Client.builder().endpointOverride(gateway.http()).forcePathStyle(true)
                .region(Region.of(S3Endpoint.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        GatewayProcess.ACCESS_KEY, GatewayProcess.SECRET_KEY)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMinutes(28)))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(120)))
                .build();
    }

    /** {@code size} bytes of a repeated 1 MiB random block, generated on the fly; CRC32 of the last full pass. */
    static final class PatternStream extends InputStream {

        private static final byte[] BLOCK = Payloads.random(1 << 20, 5);

        /** The CRC32 of the bytes read by the most recent stream to reach its length. */
        static final class Crc {
            private volatile long value = -1;

            String base64() {
                return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) value).array());
            }
        }

        private final long size;
        private final Crc result;
        private final CRC32 crc = new CRC32();
        private long position;

        PatternStream(long size, Crc result) {
            this.size = size;
            this.result = result;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int at = (int) (position % BLOCK.length);
            int n = (int) Math.min(Math.min(len, BLOCK.length - at), size - position);
            System.arraycopy(BLOCK, at, b, off, n);
            crc.update(b, off, n);
            position += n;
            if (position == size) {
                result.value = crc.getValue(); // the SDK stops at the content length without reading to -1
            }
            return n;
        }
    }
}
