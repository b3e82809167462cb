package io.trustgate.gateway.bootstrap;

import io.trustgate.testsupport.RequiredBackend;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy 4.0.0 (filesystem provider, SigV4) as its own process on a free loopback port, the way
 * {@code scripts/s3proxy.sh} runs it: S3Proxy cannot take port 0, so a free port is picked just before the start.
 * With a keystore it serves HTTPS on a second free port as well.
 * The jar-with-dependencies comes from the local Maven repository or {@code .tools/s3proxy}; without it the test
 * is skipped, and fails under {@code CI=true}.
 */
final class S3ProxyProcess implements AutoCloseable {

    static final String ACCESS = "tg-pt-upstream";
    static final String SECRET = "tg-pt-upstream-secret";
    private static final String JAR = "s3proxy-4.0.0-jar-with-dependencies.jar";

    private final Process process;
    private final int port;
    private final int tlsPort;
    private final Path log;

    private S3ProxyProcess(Process process, int port, int tlsPort, Path log) {
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
        this.log = log;
    }

    static S3ProxyProcess start(Path home) throws Exception {
        return start(home, null, null);
    }

    /**
     * Also serves HTTPS on a second free port ({@link #tlsPort()}) with the key and certificate chain of
     * {@code keystore} (PKCS#12, {@code password}).
     */
    static S3ProxyProcess startWithTls(Path home, Path keystore, String password) throws Exception {
        return start(home, keystore, password);
    }

    private static S3ProxyProcess start(Path home, Path keystore, String password) throws Exception {
        Path jar = findJar();
        int port = freePort();
        int tlsPort = keystore == null ? -1 : freePort();
        Path data = Files.createDirectories(home.resolve("data"));
        Path props = home.resolve("s3proxy.properties");
        String tls = keystore == null ? "" : String.join("\n",
                "s3proxy.secure-endpoint=https://127.0.0.1:" + tlsPort,
                "s3proxy.keystore-path=" + keystore,
                "s3proxy.keystore-password=" + password, "");
        Files.writeString(props, tls + String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS,
                "s3proxy.credential=" + SECRET,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data, ""));
        Path log = home.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties",
                props.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyProcess proxy = new S3ProxyProcess(p, port, tlsPort, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!answers(port) || tlsPort > 0 && !answers(tlsPort)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                proxy.close();
                Assertions.fail("S3Proxy did not start on port " + port + (tlsPort > 0 ? " and " + tlsPort : "")
                        + ":\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        return proxy;
    }

    int port() {
        return port;
    }

    /** The HTTPS port, or -1 when started without TLS. */
    int tlsPort() {
        return tlsPort;
    }

    Path log() {
        return log;
    }

    private static Path findJar() {
        List<Path> candidates = List.of(
                Path.of(System.getProperty("user.home"), ".m2/repository/org/gaul/s3proxy/4.0.0", JAR),
                Path.of("..", ".tools", "s3proxy", JAR),
                Path.of(".tools", "s3proxy", JAR));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        String why = "S3Proxy jar missing (looked in " + candidates + "); run scripts/s3proxy.sh start once to fetch it";
        RequiredBackend.missing(why);
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
