package io.trustgate.compat.s3;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.bootstrap.TrustgateServer;
import io.trustgate.gateway.config.ConfigLoader;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One live trustgate for every {@link S3Target.Kind#GATEWAY} lane, started in this JVM the way a user would (a YAML
 * file loaded by the real {@link ConfigLoader}) on first use and closed when the JVM exits. Each lane gets an HTTP
 * and an HTTPS S3 listener routed to its backend; the HTTPS certificate is self-signed, generated here with the
 * JDK's keytool, and trusted by the tests' clients only. Ports are free ones picked at start.
 *
 * <p>A lane's backend is its {@link S3Target#backendYaml()}, with {@code {dir}} replaced by a fresh data directory
 * {@code {upstream}}, {@code {upstreamAccessKey}}, {@code {upstreamSecretKey}} by the passthrough upstream's HTTP
 * endpoint and key pair ({@link S3Servers#passthroughEndpoint()}: the S3PROXY lane's server or LocalStack),
 * {@code {tgUpstream}}, {@code {tgUpstreamAccessKey}}, {@code {tgUpstreamSecretKey}} likewise for the second
 * trustgate of {@link TrustgateUpstream}, and {@code {azurite}} by Azurite's blob endpoint.
 */
final class S3GatewayFixture {

    static final String ACCESS_KEY = "compat-s3";
    static final String SECRET_KEY = "compat-s3-secret";
    private static final String STORE_PASSWORD = "compat";

    private static S3GatewayFixture instance;

    private final TrustgateServer server;
    private final Path keystore;
    private final Path dir;

    private S3GatewayFixture(TrustgateServer server, Path keystore, Path dir) {
        this.server = server;
        this.keystore = keystore;
        this.dir = dir;
    }

    /** The endpoint of {@code target}'s listeners, starting the gateway on first use. */
    static synchronized S3Endpoint endpoint(S3Target target) {
        started();
        return new S3Endpoint(URI.create("http://127.0.0.1:" + instance.server.port(listener(target))),
                URI.create("https://127.0.0.1:" + instance.server.port(listener(target) + "-tls")), ACCESS_KEY,
                SECRET_KEY, instance.keystore, STORE_PASSWORD.toCharArray());
    }

    /** The data directory {@code {dir}} stands for in {@code target}'s backend, starting the gateway on first use. */
    static synchronized Path dataDirectory(S3Target target) {
        started();
        return instance.dir.resolve("data-" + target.id());
    }

    private static void started() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                Assertions.fail("trustgate with the S3 gateway lanes did not start: " + e, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance.server::close, "s3-compat-gateway-close"));
        }
    }

    private static S3GatewayFixture start() throws IOException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("trustgate-s3-compat-");
        Path keystore = selfSigned(dir);
        List<S3Target> lanes = new ArrayList<>();
        for (S3Target t : S3Target.values()) {
            if (t.kind() == S3Target.Kind.GATEWAY) {
                lanes.add(t);
            }
        }
        PassthroughUpstream.Endpoint upstream = lanes.stream().anyMatch(t -> t.backendYaml().contains("{upstream}"))
                ? S3Servers.passthroughEndpoint() : null;
        PassthroughUpstream.Endpoint tgUpstream = lanes.stream().anyMatch(t -> t.backendYaml().contains("{tgUpstream}"))
                ? TrustgateUpstream.endpoint() : null;
        String azurite = lanes.stream().anyMatch(t -> t.backendYaml().contains("{azurite}"))
                ? S3Servers.azurite() : "";
        int[] ports = freePorts(1 + 2 * lanes.size());
        StringBuilder y = new StringBuilder();
        y.append("admin: {host: 127.0.0.1, port: ").append(ports[0]).append("}\n");
        y.append("shutdown: {grace: 1s}\n");
        y.append("listeners:\n");
        String s3 = "{credentials: [{accessKey: " + ACCESS_KEY + ", secretKey: " + SECRET_KEY + "}]";
        for (int i = 0; i < lanes.size(); i++) {
            String name = listener(lanes.get(i));
            y.append("  - {name: ").append(name).append(", protocol: s3, host: 127.0.0.1, port: ")
                    .append(ports[1 + 2 * i]).append(", s3: ").append(s3).append("}}\n");
            y.append("  - {name: ").append(name).append("-tls, protocol: s3, host: 127.0.0.1, port: ")
                    .append(ports[2 + 2 * i]).append(", s3: ").append(s3).append(", tls: {certificate: \"")
                    .append(dir.resolve("s3.crt")).append("\", privateKey: \"").append(dir.resolve("s3.key"))
                    .append("\"}}}\n");
        }
        y.append("backends:\n");
        for (S3Target t : lanes) {
            Path data = Files.createDirectories(dir.resolve("data-" + t.id()));
            String backend = t.backendYaml().replace("{dir}", data.toString()).replace("{azurite}", azurite);
            if (upstream != null) {
                backend = backend.replace("{upstream}", upstream.http().toString())
                        .replace("{upstreamAccessKey}", upstream.accessKey())
                        .replace("{upstreamSecretKey}", upstream.secretKey());
            }
            if (tgUpstream != null) {
                backend = backend.replace("{tgUpstream}", tgUpstream.http().toString())
                        .replace("{tgUpstreamAccessKey}", tgUpstream.accessKey())
                        .replace("{tgUpstreamSecretKey}", tgUpstream.secretKey());
            }
            y.append("  - ").append(backend).append('\n');
        }
        y.append("routes:\n");
        for (S3Target t : lanes) {
            for (String suffix : new String[] {"", "-tls"}) {
                y.append("  - {listener: ").append(listener(t)).append(suffix).append(", backend: ")
                        .append(t.id()).append("}\n");
            }
        }
        Path file = Files.writeString(dir.resolve("trustgate.yaml"), y.toString(), StandardCharsets.UTF_8);
        TrustgateServer server = new TrustgateServer(ConfigLoader.load(file, Map.of()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.start();
        return new S3GatewayFixture(server, keystore, dir);
    }

    private static String listener(S3Target target) {
        return "s3-" + target.id();
    }

    /** A PKCS12 keystore with a self-signed certificate for 127.0.0.1, plus its PEM certificate and key. */
    private static Path selfSigned(Path dir) throws IOException, GeneralSecurityException {
        Path keystore = dir.resolve("s3.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Cli.Result r = Cli.run(List.of(keytool, "-genkeypair", "-alias", "s3", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-storetype", "PKCS12", "-dname", "CN=127.0.0.1", "-ext",
                "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-keypass", STORE_PASSWORD), Map.of(), null, Duration.ofSeconds(60));
        if (r.exitCode() != 0) {
            throw new IOException("keytool failed: " + r.output());
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        Key key = store.getKey("s3", STORE_PASSWORD.toCharArray());
        Files.writeString(dir.resolve("s3.key"), pem("PRIVATE KEY", key.getEncoded()));
        Files.writeString(dir.resolve("s3.crt"), pem("CERTIFICATE", store.getCertificate("s3").getEncoded()));
        return keystore;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** {@code n} distinct ports free at the time of the call. */
    static int[] freePorts(int n) throws IOException {
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
