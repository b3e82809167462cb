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
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop S3 load generator on the async AWS SDK for Java v2 (Netty), run by {@code bench/s3.sh}: CLIENTS
 * concurrent loops, each sending its next request when the previous one completes, for a fixed time per workload.
 * Every request is SigV4-signed with the SDK's defaults (path-style, default checksums). Workloads: {@code get-1k},
 * {@code put-1k}, {@code get-1m}, {@code put-1m} (GET reads objects written once at setup; PUT overwrites a
 * bounded set of keys).
 *
 * <p>Prints one line per workload, {@code RESULT <label> <workload> <requests> <seconds> <req/s> <MB/s> <p50 ms>
 * <p99 ms> <errors> <retries>}, after one untimed warm-up pass per workload. The SDK's standard retry strategy is
 * on, as in an application: a request that needed a second attempt counts once, with both attempts in its
 * latency, and the attempts beyond the first are the {@code retries} column. A benchmark, not a test: nothing is
 * asserted.
 *
 * <p>Usage: {@code S3Load --endpoint URL --access-key AK --secret-key SK --bucket NAME --label NAME
 * [--clients 32] [--seconds 15] [--warmup-seconds 5] [--workloads get-1k,put-1k,get-1m,put-1m]}
 */
public final class S3Load {

    private static final int KEYS_PER_SIZE = 64;
    /** Counts every attempt the SDK puts on the wire, retries included. */
    private static final AttemptCounter ATTEMPTS = new AttemptCounter();

    private final S3AsyncClient s3;
    private final String bucket;
    private final int clients;

    private S3Load(S3AsyncClient s3, String bucket, int clients) {
        this.s3 = s3;
        this.bucket = bucket;
        this.clients = clients;
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        S3AsyncClient s3 = S3AsyncClient.builder()
                .endpointOverride(URI.create(args.value("endpoint", null)))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        args.value("access-key", null), args.value("secret-key", null))))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))
                        .addExecutionInterceptor(ATTEMPTS))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(128)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)))
                .build();
        int clients = Integer.parseInt(args.value("clients", "32"));
        S3Load load = new S3Load(s3, args.value("bucket", null), clients);
        String label = args.value("label", "target");
        double seconds = Double.parseDouble(args.value("seconds", "15"));
        double warmup = Double.parseDouble(args.value("warmup-seconds", "5"));
        List<String> workloads = Arrays.asList(args.value("workloads", "get-1k,put-1k,get-1m,put-1m").split(","));
        try {
            load.setup(workloads);
            for (String workload : workloads) {
                if (warmup > 0) {
                    load.run(workload, warmup);
                }
                Result r = load.run(workload, seconds);
                System.out.printf(Locale.ROOT, "RESULT %s %s %d %.2f %.1f %.2f %.3f %.3f %d %d%n", label, workload,
                        r.requests, r.seconds, r.requests / r.seconds, r.bytes / r.seconds / 1e6, r.p50Ms, r.p99Ms,
                        r.errors, r.retries);
                System.out.flush();
            }
        } finally {
            s3.close();
        }
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
            if (w.startsWith("get-")) {
                byte[] body = body(size(w), 1);
                for (int i = 0; i < KEYS_PER_SIZE; i++) {
                    String key = "get/" + w + "/" + i;
                    puts.add(s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(body)));
                }
            }
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
    }

    private Result run(String workload, double seconds) {
        int size = size(workload);
        boolean get = workload.startsWith("get-");
        byte[] body = body(size, 2);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        AtomicLong errors = new AtomicLong();
        long attemptsBefore = ATTEMPTS.count.get();
        List<long[]> latencies = new ArrayList<>();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Loop loop = new Loop(c, get, workload, body, deadline, errors);
            latencies.add(null);
            loops.add(loop.start());
            int index = c;
            loops.set(c, loops.get(c).thenRun(() -> latencies.set(index, loop.latencies())));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long ok = all.length;
        long retries = ATTEMPTS.count.get() - attemptsBefore - ok - errors.get();
        return new Result(ok, elapsed, ok * (long) size, percentile(all, 0.50), percentile(all, 0.99), errors.get(),
                Math.max(0, retries));
    }

    /** One client: sends a request, and the next when it completes, until the deadline. */
    private final class Loop {
        private final int id;
        private final boolean get;
        private final String workload;
        private final byte[] body;
        private final long deadline;
        private final AtomicLong errors;
        private long[] samples = new long[1024];
        private int count;
        private int n;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Loop(int id, boolean get, String workload, byte[] body, long deadline, AtomicLong errors) {
            this.id = id;
            this.get = get;
            this.workload = workload;
            this.body = body;
            this.deadline = deadline;
            this.errors = errors;
        }

        CompletableFuture<Void> start() {
            next();
            return done;
        }

        long[] latencies() {
            return Arrays.copyOf(samples, count);
        }

        private void next() {
            if (System.nanoTime() >= deadline) {
                done.complete(null);
                return;
            }
            long t0 = System.nanoTime();
            int i = n++;
            CompletableFuture<?> request = get
                    ? s3.getObject(b -> b.bucket(bucket).key("get/" + workload + "/" + ((id + i) % KEYS_PER_SIZE)),
                    AsyncResponseTransformer.toBytes())
                    : s3.putObject(b -> b.bucket(bucket).key("put/" + workload + "/" + id + "/" + (i % 8)),
                    AsyncRequestBody.fromBytes(body));
            request.whenComplete((r, e) -> {
                if (e == null) {
                    if (count == samples.length) {
                        samples = Arrays.copyOf(samples, count * 2);
                    }
                    samples[count++] = System.nanoTime() - t0;
                } else if (errors.getAndIncrement() < 3) {
                    System.err.println("error in " + workload + ": " + e);
                }
                next();
            });
        }
    }

    private record Result(long requests, double seconds, long bytes, double p50Ms, double p99Ms, long errors,
                          long retries) {
    }

    private static final class AttemptCounter implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                       software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            count.incrementAndGet();
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static int size(String workload) {
        return switch (workload.substring(workload.indexOf('-') + 1)) {
            case "1k" -> 1024;
            case "1m" -> 1 << 20;
            default -> throw new IllegalArgumentException("unknown workload " + workload
                    + " (get-1k, put-1k, get-1m, put-1m)");
        };
    }

    private static byte[] body(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code --name value} pairs. */
    private record Args(java.util.Map<String, String> values) {
        static Args parse(String[] argv) {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i + 1 < argv.length; i += 2) {
                if (!argv[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value, got " + argv[i]);
                }
                values.put(argv[i].substring(2), argv[i + 1]);
            }
            return new Args(values);
        }

        String value(String name, String fallback) {
            String v = values.getOrDefault(name, fallback);
            if (v == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return v;
        }
    }
}
