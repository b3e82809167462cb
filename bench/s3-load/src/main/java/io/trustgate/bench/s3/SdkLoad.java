package io.trustgate.bench.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK generator ({@code --mode sdk}): the async AWS SDK v2 (Netty) with its defaults, path-style, default
 * checksums and the standard retry strategy, as in an application. A request that needed a second attempt counts
 * once, with both attempts in its latency, and the attempts beyond the first are the {@code retries} column. It
 * costs milliseconds of CPU per request. Responses are checked by the SDK (status, checksums), not against the
 * bytes written.
 */
final class SdkLoad implements S3Load.Generator {

    /** Counts every attempt the SDK puts on the wire, retries included. */
    private static final AttemptCounter ATTEMPTS = new AttemptCounter();

    private final S3AsyncClient s3;
    private final String bucket;
    private final int clients;
    private final CpuMeter cpu;

    SdkLoad(URI endpoint, String accessKey, String secretKey, String bucket, int clients, CpuMeter cpu) {
        this.s3 = S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKey, secretKey)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))
                        .addExecutionInterceptor(ATTEMPTS))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(128)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)))
                .build();
        this.bucket = bucket;
        this.clients = clients;
        this.cpu = cpu;
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public void setup(List<String> workloads) {
        try {
            s3.createBucket(b -> b.bucket(bucket)).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof BucketAlreadyOwnedByYouException)) {
                throw e;
            }
        }
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (String w : workloads) {
            if (Workloads.isGet(w)) {
                byte[] body = Workloads.body(Workloads.size(w), 1);
                for (int i = 0; i < Workloads.GET_KEYS; i++) {
                    String key = Workloads.getKey(w, i);
                    puts.add(s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(body)));
                }
            }
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public Result run(String workload, double seconds) {
        int size = Workloads.size(workload);
        boolean get = Workloads.isGet(workload);
        byte[] body = Workloads.body(size, 2);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        Errors errors = new Errors(workload);
        long attemptsBefore = ATTEMPTS.count.get();
        List<Samples> samples = new ArrayList<>();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        long[] cpuBefore = cpu.sample();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Samples s = new Samples();
            samples.add(s);
            loops.add(new Loop(c, get, workload, body, deadline, errors, s).start());
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpu.sample();
        long[] all = Samples.sortedUnion(samples);
        long retries = ATTEMPTS.count.get() - attemptsBefore - all.length - errors.count();
        return Result.of(all, elapsed, size, errors.count(), Math.max(0, retries), cpuBefore, cpuAfter);
    }

    /** One client: sends a request, and the next when it completes, until the deadline. */
    private final class Loop {
        private final int id;
        private final boolean get;
        private final String workload;
        private final byte[] body;
        private final long deadline;
        private final Errors errors;
        private final Samples samples;
        private int n;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Loop(int id, boolean get, String workload, byte[] body, long deadline, Errors errors, Samples samples) {
            this.id = id;
            this.get = get;
            this.workload = workload;
            this.body = body;
            this.deadline = deadline;
            this.errors = errors;
            this.samples = samples;
        }

        CompletableFuture<Void> start() {
            next();
            return done;
        }

        private void next() {
            if (System.nanoTime() >= deadline) {
                done.complete(null);
                return;
            }
            long t0 = System.nanoTime();
            int i = n++;
            CompletableFuture<?> request = get
                    ? s3.getObject(b -> b.bucket(bucket).key(Workloads.getKey(workload, (id + i) % Workloads.GET_KEYS)),
                    AsyncResponseTransformer.toBytes())
                    : s3.putObject(b -> b.bucket(bucket).key(
                            Workloads.putKey(workload, id, i % Workloads.PUT_KEYS_PER_CLIENT)),
                    AsyncRequestBody.fromBytes(body));
            request.whenComplete((r, e) -> {
                synchronized (samples) {
                    if (e == null) {
                        samples.add(System.nanoTime() - t0);
                    } else {
                        errors.record(e.toString());
                    }
                }
                next();
            });
        }
    }

    private static final class AttemptCounter implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                       software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            count.incrementAndGet();
        }
    }
}
