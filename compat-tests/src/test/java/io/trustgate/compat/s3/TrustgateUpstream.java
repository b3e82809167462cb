package io.trustgate.compat.s3;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.bootstrap.TrustgateServer;
import io.trustgate.gateway.config.ConfigLoader;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The PASSTHROUGH_TG lane's upstream: a second trustgate in this JVM, on its filesystem backend (a data directory of
 * its own, fsync off) behind one plain-HTTP S3 listener on a free port, with a key pair of its own (so the outer
 * trustgate's re-signing is what gets it in). Started like {@link S3GatewayFixture}'s gateway, from a YAML file
 * loaded by the real {@link ConfigLoader}, on first use, and closed when the JVM exits. Being trustgate on the
 * FILESYSTEM lane's backend, it answers as AWS does, so the lane checks the passthrough itself with nothing of the
 * upstream's showing through.
 */
final class TrustgateUpstream {

    static final String ACCESS_KEY = "compat-s3-upstream";
    static final String SECRET_KEY = "compat-s3-upstream-secret";
    private static final String LISTENER = "s3-upstream";

    private static PassthroughUpstream.Endpoint endpoint;

    private TrustgateUpstream() {
    }

    /** Where the upstream answers and the key pair it accepts, starting it on first use. */
    static synchronized PassthroughUpstream.Endpoint endpoint() {
        if (endpoint == null) {
            try {
                TrustgateServer server = start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3-compat-upstream-close"));
                endpoint = new PassthroughUpstream.Endpoint(URI.create("http://127.0.0.1:" + server.port(LISTENER)),
                        ACCESS_KEY, SECRET_KEY);
            } catch (IOException | RuntimeException e) {
                return Assertions.fail("the upstream trustgate of the passthrough-tg lane did not start: " + e, e);
            }
        }
        return endpoint;
    }

    private static TrustgateServer start() throws IOException {
        Path dir = Files.createTempDirectory("trustgate-s3-compat-upstream-");
        Path data = Files.createDirectories(dir.resolve("data"));
        int[] ports = S3GatewayFixture.freePorts(2);
        String yaml = "admin: {host: 127.0.0.1, port: " + ports[0] + "}\n" // without it: 9090
                + "shutdown: {grace: 1s}\n"
                + "listeners:\n"
                + "  - {name: " + LISTENER + ", protocol: s3, host: 127.0.0.1, port: " + ports[1]
                + ", s3: {credentials: [{accessKey: " + ACCESS_KEY + ", secretKey: " + SECRET_KEY + "}]}}\n"
                + "backends:\n"
                + "  - {name: upstream, type: filesystem, directory: \"" + data + "\", fsync: \"no\"}\n"
                + "routes:\n"
                + "  - {listener: " + LISTENER + ", backend: upstream}\n";
        Path file = Files.writeString(dir.resolve("trustgate.yaml"), yaml, StandardCharsets.UTF_8);
        TrustgateServer server = new TrustgateServer(ConfigLoader.load(file, Map.of()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.start();
        return server;
    }
}
