package io.trustgate.compat.s3;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * trustgate run as a child JVM ({@code io.trustgate.gateway.bootstrap.Main --config FILE}, the test classpath) with
 * one HTTP S3 listener on a filesystem backend in a fresh directory: for measurements of the gateway process alone,
 * such as its resident set size ({@code VmRSS} in {@code /proc/<pid>/status}) while a client uploads.
 */
final class GatewayProcess implements AutoCloseable {

    static final String ACCESS_KEY = "compat-s3-child";
    static final String SECRET_KEY = "compat-s3-child-secret";

    private final Process process;
    private final Path dir;
    private final int port;

    private GatewayProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the child with {@code jvmOptions} (e.g. {@code -Xmx256m}) and waits until its /ready answers 200. */
    static GatewayProcess start(List<String> jvmOptions) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("trustgate-s3-child-");
        int[] ports = freePorts(2);
        String yaml = "admin: {host: 127.0.0.1, port: " + ports[0] + "}\n"
                + "listeners:\n"
                + "  - {name: s3, protocol: s3, host: 127.0.0.1, port: " + ports[1] + ", s3: {credentials: "
                + "[{accessKey: " + ACCESS_KEY + ", secretKey: " + SECRET_KEY + "}]}}\n"
                + "backends:\n"
                + "  - {name: disk, type: filesystem, directory: \"" + dir.resolve("data") + "\", fsync: \"no\"}\n"
                + "routes:\n"
                + "  - {listener: s3, backend: disk}\n";
        Path config = Files.writeString(dir.resolve("trustgate.yaml"), yaml, StandardCharsets.UTF_8);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "io.trustgate.gateway.bootstrap.Main", "--config",
                config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.log").toFile()).start();
        GatewayProcess gateway = new GatewayProcess(process, dir, ports[1]);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0] + "/ready")).build();
        for (int i = 0; i < 1200; i++) {
            if (!process.isAlive()) {
                throw new IOException("the gateway exited " + process.exitValue() + ":\n" + gateway.log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return gateway;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        gateway.close();
        throw new IOException("the gateway was not ready after 120 s:\n" + gateway.log());
    }

    /** The HTTP S3 endpoint. */
    URI http() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The child's resident set size in bytes, from {@code VmRSS} in {@code /proc/<pid>/status}. */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + process.pid() + "/status");
    }

    Path dataDirectory() {
        return dir.resolve("data");
    }

    String log() {
        try {
            return Files.readString(dir.resolve("gateway.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
