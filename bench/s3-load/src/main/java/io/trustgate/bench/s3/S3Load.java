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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop S3 load generator, run by {@code bench/s3.sh}: CLIENTS concurrent loops, each sending its next
 * request when the previous one completes, for a fixed time per workload. Workloads: {@code get-1k},
 * {@code put-1k}, {@code get-1m}, {@code put-1m} (GET reads objects written once at setup; PUT overwrites a
 * bounded set of keys). Two modes:
 * <ul>
 *   <li>{@code --mode raw} (the default): {@link RawLoad}, keep-alive HTTP/1.1 over Netty with SigV4 header
 *   authentication of its own, path-style, every response checked (status, ETag, GET bytes); tens of microseconds
 *   of CPU per request.</li>
 *   <li>{@code --mode sdk}: the async AWS SDK v2 (Netty) with its defaults (path-style, default checksums,
 *   standard retries): a request that needed a second attempt counts once, with both attempts in its latency, and
 *   the attempts beyond the first are the {@code retries} column. It costs milliseconds of CPU per request.</li>
 * </ul>
 *
 * <p>Prints one {@link Result} line per workload after one untimed warm-up pass per workload, with the CPU per
 * request of this process and of {@code --server-pids} (the target, then the process behind it). A benchmark, not
 * a test: it checks responses and counts errors, and asserts nothing about speed.
 *
 * <p>Usage: {@code S3Load --endpoint URL --access-key AK --secret-key SK --bucket NAME --label NAME
 * [--mode raw|sdk] [--clients 32] [--seconds 15] [--warmup-seconds 5] [--workloads get-1k,put-1k,get-1m,put-1m]
 * [--server-pids PID[,PID]] [--clock-ticks 100] [--io-threads 1 (raw)]}
 */
public final class S3Load {

    /** Counts every attempt the SDK puts on the wire, retries included. */
    private static final AttemptCounter ATTEMPTS = new AttemptCounter();

    private final S3AsyncClient s3;
    private final String bucket;
    private final int clients;
    private final CpuMeter cpu;

    private S3Load(S3AsyncClient s3, String bucket, int clients, CpuMeter cpu) {
        this.s3 = s3;
        this.bucket = bucket;
        this.clients = clients;
        this.cpu = cpu;
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        URI endpoint = URI.create(args.value("endpoint", null));
        String accessKey = args.value("access-key", null);
        String secretKey = args.value("secret-key", null);
        String bucket = args.value("bucket", null);
        int clients = Integer.parseInt(args.value("clients", "32"));
        String label = args.value("label", "target");
        double seconds = Double.parseDouble(args.value("seconds", "15"));
        double warmup = Double.parseDouble(args.value("warmup-seconds", "5"));
        List<String> workloads = Arrays.asList(args.value("workloads", "get-1k,put-1k,get-1m,put-1m").split(","));
        workloads.forEach(Workloads::size);
        CpuMeter cpu = new CpuMeter(CpuMeter.parsePids(args.value("server-pids", "")),
                Integer.parseInt(args.value("clock-ticks", "100")));
        String mode = args.value("mode", "raw");
        switch (mode) {
            case "raw" -> {
                RawLoad load = new RawLoad(endpoint, accessKey, secretKey, bucket, clients,
                        Integer.parseInt(args.value("io-threads", "1")), cpu);
                try {
                    load.setup(workloads);
                    for (String workload : workloads) {
                        if (warmup > 0) {
                            load.run(workload, warmup);
                        }
                        print(load.run(workload, seconds), label, workload);
                    }
                } finally {
                    load.close();
                }
            }
            case "sdk" -> {
                S3AsyncClient s3 = S3AsyncClient.builder()
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
                S3Load load = new S3Load(s3, bucket, clients, cpu);
                try {
                    load.setup(workloads);
                    for (String workload : workloads) {
                        if (warmup > 0) {
                            load.run(workload, warmup);
                        }
                        print(load.run(workload, seconds), label, workload);
                    }
                } finally {
                    s3.close();
                }
            }
            default -> throw new IllegalArgumentException("--mode is raw or sdk, not " + mode);
        }
    }

    private static void print(Result r, String label, String workload) {
        System.out.println(r.line(label, workload));
        System.out.flush();
    }

    private void setup(List<String> workloads) {
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

    private Result run(String workload, double seconds) {
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
