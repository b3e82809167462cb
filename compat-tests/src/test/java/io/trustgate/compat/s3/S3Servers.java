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
 * lanes use {@link S3GatewayFixture}, and the PASSTHROUGH lane's upstream is S3Proxy or LocalStack by
 * {@link PassthroughUpstream}'s rule. A lane whose server cannot be had fails its tests; none is skipped.
 */
final class S3Servers {

    private static final Map<S3Target, S3Endpoint> ENDPOINTS = new EnumMap<>(S3Target.class);
    /** Whether S3Proxy answered before this JVM started any server: what the upstream rule goes by. */
    private static Boolean s3proxyAnsweredFirst;
    private static PassthroughUpstream.Choice upstream;

    private S3Servers() {
    }

    static synchronized S3Endpoint endpoint(S3Target target) {
        if (s3proxyAnsweredFirst == null) {
            s3proxyAnsweredFirst = listening(s3proxyPort());
        }
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

    /**
     * The PASSTHROUGH lane's upstream by {@link PassthroughUpstream}'s rule, decided on the first call of the run
     * (with S3Proxy as the run found it) and printed; an ask that cannot be met fails the test that needs it.
     */
    static synchronized PassthroughUpstream.Choice passthroughUpstream() {
        if (upstream == null) {
            PassthroughUpstream.Choice choice;
            try {
                choice = PassthroughUpstream.choose(PassthroughUpstream.asked(), "true".equals(System.getenv("CI")),
                        () -> s3proxyAnsweredFirst != null ? s3proxyAnsweredFirst : listening(s3proxyPort()),
                        LocalStackUpstream::dockerAvailable);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Assertions.fail(e.getMessage(), e);
            }
            upstream = choice;
            System.out.println("S3 compat: PASSTHROUGH lane's upstream is " + upstream);
        }
        return upstream;
    }

    /** Where the PASSTHROUGH lane's upstream answers, starting it on first use. */
    static synchronized PassthroughUpstream.Endpoint passthroughEndpoint() {
        if (passthroughUpstream().upstream() == PassthroughUpstream.LOCALSTACK) {
            try {
                return LocalStackUpstream.start();
            } catch (RuntimeException e) {
                return Assertions.fail("LocalStack (" + upstream + ") did not start: " + e, e);
            }
        }
        S3Endpoint s3proxy = endpoint(S3Target.S3PROXY);
        return new PassthroughUpstream.Endpoint(s3proxy.http(), s3proxy.accessKey(), s3proxy.secretKey());
    }

    private static int s3proxyPort() {
        return Integer.parseInt(env("S3PROXY_PORT", "9100"));
    }

    private static S3Endpoint s3proxy() {
        int port = s3proxyPort();
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

    /** Azurite's blob endpoint for the development account, started by {@code scripts/azurite.sh} when silent. */
    static String azurite() {
        int port = Integer.parseInt(env("AZURITE_PORT", "10000"));
        if (!listening(port)) {
            Path script = Cli.projectRoot().resolve("scripts/azurite.sh");
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
        return "http://127.0.0.1:" + port + "/devstoreaccount1";
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
