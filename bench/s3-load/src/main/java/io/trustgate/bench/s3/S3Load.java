package io.trustgate.bench.s3;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * A closed-loop S3 load generator, run by {@code bench/s3.sh}: CLIENTS concurrent loops, each sending its next
 * request when the previous one completes, for a fixed time per workload. Workloads: {@code get-1k},
 * {@code put-1k}, {@code get-1m}, {@code put-1m} (GET reads objects written once at setup; PUT overwrites a
 * bounded set of keys). Two modes:
 * <ul>
 *   <li>{@code --mode raw} (the default): {@link RawLoad}, keep-alive HTTP/1.1 over Netty with SigV4 header
 *   authentication of its own, path-style, every response checked (status, ETag, GET bytes); tens of microseconds
 *   of CPU per request.</li>
 *   <li>{@code --mode sdk}: {@link SdkLoad}, the async AWS SDK v2 with its defaults; milliseconds of CPU per
 *   request.</li>
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

    /** One mode of the generator: writes what the GET workloads read, then runs workloads one at a time. */
    interface Generator extends AutoCloseable {
        void setup(List<String> workloads);

        Result run(String workload, double seconds);

        @Override
        void close();
    }

    private S3Load() {
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
        try (Generator load = switch (mode) {
            case "raw" -> new RawLoad(endpoint, accessKey, secretKey, bucket, clients,
                    Integer.parseInt(args.value("io-threads", "1")), cpu);
            case "sdk" -> new SdkLoad(endpoint, accessKey, secretKey, bucket, clients, cpu);
            default -> throw new IllegalArgumentException("--mode is raw or sdk, not " + mode);
        }) {
            load.setup(workloads);
            for (String workload : workloads) {
                if (warmup > 0) {
                    load.run(workload, warmup);
                }
                System.out.println(load.run(workload, seconds).line(label, workload));
                System.out.flush();
            }
        }
    }
}
