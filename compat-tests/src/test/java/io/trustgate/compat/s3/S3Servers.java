package io.trustgate.compat.s3;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Brings each {@link S3Target}'s server up once per test JVM and says where it answers. The S3PROXY lane uses the
 * S3Proxy that {@code scripts/s3proxy.sh} runs (started here when nothing answers; {@code .ci/run} starts it
 * first), reading the same {@code S3PROXY_*} environment knobs with the same defaults as the script; trustgate's
 * lanes use {@link S3GatewayFixture}. A lane whose server cannot be had fails its tests; none is skipped.
 */
final class S3Servers {

    private static final Map<S3Target, S3Endpoint> ENDPOINTS = new EnumMap<>(S3Target.class);

    private S3Servers() {
    }

    static synchronized S3Endpoint endpoint(S3Target target) {
        S3Endpoint endpoint = ENDPOINTS.get(target);
        if (endpoint == null) {
            endpoint = switch (target.kind()) {
                case REFERENCE -> s3proxy();
                case GATEWAY -> S3GatewayFixture.endpoint(target);
            };
            ENDPOINTS.put(target, endpoint);
        }
        return endpoint;
    }

    private static S3Endpoint s3proxy() {
        int port = Integer.parseInt(env("S3PROXY_PORT", "9100"));
        int tlsPort = Integer.parseInt(env("S3PROXY_TLS_PORT", "9101"));
        Path home = Path.of(env("S3PROXY_HOME", env("TMPDIR", "/tmp") + "/trustgate-s3proxy"));
        if (!listening(port) || !listening(tlsPort)) {
            Path script = Cli.projectRoot().resolve("scripts/s3proxy.sh");
            try {
                Cli.Result result = Cli.run(List.of("bash", script.toString(), "start"), Map.of(), null,
                        Duration.ofMinutes(4));
                if (result.exitCode() != 0) {
                    Assertions.fail(script + " start exited " + result.exitCode() + ":\n" + result.output());
                }
            } catch (IOException e) {
                Assertions.fail(script + " start could not run: " + e.getMessage());
            }
        }
        Path keystore = home.resolve("keystore.p12");
        if (!Files.isReadable(keystore)) {
            Assertions.fail("S3Proxy answers on " + port + " but its keystore " + keystore + " is missing: it was "
                    + "not started by scripts/s3proxy.sh with this S3PROXY_HOME");
        }
        return new S3Endpoint(URI.create("http://127.0.0.1:" + port), URI.create("https://127.0.0.1:" + tlsPort),
                env("S3PROXY_ACCESS_KEY", "trustgate-s3proxy"), env("S3PROXY_SECRET_KEY", "trustgate-s3proxy-secret"),
                keystore, env("S3PROXY_KEYSTORE_PASSWORD", "trustgate").toCharArray());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
