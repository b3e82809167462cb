package io.trustgate.bench.s3;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw generator ({@code --mode raw}): CLIENTS keep-alive HTTP/1.1 connections over Netty, each a closed loop
 * ({@link RawClient}), every request signed with SigV4 header authentication ({@link SigV4Signer}), path-style,
 * every response checked. It costs far less CPU per request than the SDK, so that on a small machine the server,
 * not the client, is what the run measures. Objects: each workload has {@link #BODIES} distinct bodies whose
 * SHA-256 and MD5 are computed once; key {@code i} always holds body {@code i % BODIES}.
 */
final class RawLoad implements S3Load.Generator {

    static final int BODIES = 4;
    private static final String REGION = "us-east-1";

    private final EventLoopGroup group;
    private final List<RawClient> clients = new ArrayList<>();
    private final String bucket;
    private final CpuMeter cpu;

    RawLoad(URI endpoint, String accessKey, String secretKey, String bucket, int clientCount, int ioThreads,
            CpuMeter cpu) {
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        this.bucket = bucket;
        this.cpu = cpu;
        InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        ThreadLocal<SigV4Signer> signers = ThreadLocal.withInitial(
                () -> new SigV4Signer(accessKey, secretKey, REGION, host));
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                // reads of up to 1 MiB, so that a 1 MiB response takes a few read calls, not dozens
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 1 << 20));
        for (int i = 0; i < clientCount; i++) {
            clients.add(new RawClient(i, bootstrap, address, signers::get));
        }
    }

    @Override
    public void close() {
        clients.forEach(RawClient::close);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Creates the bucket (a 409 because it exists is fine) and writes the objects the GET workloads read. */
    @Override
    public void setup(List<String> workloads) {
        List<RawRequest> requests = new ArrayList<>();
        requests.add(RawRequest.createBucket(bucket));
        runAll(requests, "setup: create bucket");
        requests.clear();
        for (String w : workloads) {
            if (Workloads.isGet(w)) {
                RawRequest.Payload[] bodies = payloads(w, 1);
                for (int i = 0; i < Workloads.GET_KEYS; i++) {
                    requests.add(RawRequest.put(path(Workloads.getKey(w, i)), bodies[i % BODIES]));
                }
            }
        }
        runAll(requests, "setup: write the objects to GET");
    }

    /** Runs {@code workload} for {@code seconds} on every client and measures it. */
    @Override
    public Result run(String workload, double seconds) {
        boolean get = Workloads.isGet(workload);
        RawRequest.Payload[] bodies = payloads(workload, get ? 1 : 2);
        RawRequest[] gets = new RawRequest[Workloads.GET_KEYS];
        for (int i = 0; get && i < gets.length; i++) {
            gets[i] = RawRequest.get(path(Workloads.getKey(workload, i)), bodies[i % BODIES]);
        }
        RawClient.Plan plan = get
                ? (client, seq) -> gets[(client + seq) % gets.length]
                : (client, seq) -> {
                    int k = seq % Workloads.PUT_KEYS_PER_CLIENT;
                    return RawRequest.put(path(Workloads.putKey(workload, client, k)), bodies[k % BODIES]);
                };
        Errors errors = new Errors(workload);
        List<Samples> samples = new ArrayList<>();
        long[] cpuBefore = cpu.sample();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (RawClient c : clients) {
            Samples s = new Samples();
            samples.add(s);
            loops.add(c.run(plan, start + (long) (seconds * 1e9), s, errors));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpu.sample();
        return Result.of(Samples.sortedUnion(samples), elapsed, Workloads.size(workload), errors.count(), 0,
                cpuBefore, cpuAfter);
    }

    private void runAll(List<RawRequest> requests, String what) {
        AtomicInteger next = new AtomicInteger();
        RawClient.Plan plan = (client, seq) -> {
            int i = next.getAndIncrement();
            return i < requests.size() ? requests.get(i) : null;
        };
        Errors errors = new Errors(what);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (RawClient c : clients) {
            loops.add(c.run(plan, Long.MAX_VALUE, new Samples(), errors));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        if (errors.count() > 0) {
            throw new IllegalStateException(what + ": " + errors.count() + " requests failed (see above)");
        }
    }

    private String path(String key) {
        return "/" + bucket + "/" + SigV4Signer.encodeKey(key);
    }

    private static RawRequest.Payload[] payloads(String workload, long seed) {
        int size = Workloads.size(workload);
        RawRequest.Payload[] out = new RawRequest.Payload[BODIES];
        for (int i = 0; i < BODIES; i++) {
            out[i] = RawRequest.Payload.of(Workloads.body(size, seed * 1000 + i));
        }
        return out;
    }
}
