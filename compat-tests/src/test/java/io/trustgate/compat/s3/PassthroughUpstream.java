package io.trustgate.compat.s3;

import java.net.URI;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Which S3 server the PASSTHROUGH lane's trustgate forwards to: S3Proxy on loopback (the one the S3PROXY lane
 * uses) or LocalStack's S3 in a container started through Testcontainers. The rule, in order:
 * <ol>
 *   <li>asked for by system property {@value #PROPERTY} or environment variable {@value #ENV} ({@code s3proxy} or
 *       {@code localstack}): that one; {@code localstack} without a Docker engine fails, it never falls back;</li>
 *   <li>otherwise under {@code CI=true}: S3Proxy (the one {@code .ci/run} starts), whatever the runner has;</li>
 *   <li>otherwise S3Proxy when it answers on its port, else LocalStack when a Docker engine answers, else S3Proxy
 *       (started by {@code scripts/s3proxy.sh}, failing as before when it cannot be).</li>
 * </ol>
 * Decided once per test JVM, before any S3 server is started by it. Stateless here; {@link S3Servers} holds the
 * choice.
 */
enum PassthroughUpstream {

    S3PROXY,
    LOCALSTACK;

    static final String PROPERTY = "s3.passthroughUpstream";
    static final String ENV = "S3_PASSTHROUGH_UPSTREAM";

    /** Where the upstream answers over HTTP and the key pair trustgate signs its requests with. */
    record Endpoint(URI http, String accessKey, String secretKey) {
    }

    /** The upstream chosen and why, as printed once per run. */
    record Choice(PassthroughUpstream upstream, String reason) {
        @Override
        public String toString() {
            return upstream.id() + " (" + reason + ")";
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the user asked for: the system property, else the environment variable; null when neither is set. */
    static String asked() {
        String property = System.getProperty(PROPERTY, "").trim();
        if (!property.isEmpty()) {
            return property;
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? null : env.trim();
    }

    /**
     * Applies the rule. The probes run only when the rule needs them (never under CI without an ask, Docker never
     * while S3Proxy answers).
     *
     * @throws IllegalArgumentException for an unknown value of the ask
     * @throws IllegalStateException    when LocalStack is asked for and no Docker engine answers
     */
    static Choice choose(String asked, boolean ci, BooleanSupplier s3proxyAnswers, BooleanSupplier dockerAvailable) {
        if (asked != null) {
            switch (asked.trim().toLowerCase(Locale.ROOT)) {
                case "s3proxy":
                    return new Choice(S3PROXY, "asked for");
                case "localstack":
                    if (!dockerAvailable.getAsBoolean()) {
                        throw new IllegalStateException(PROPERTY + "/" + ENV + " asks for localstack, but no Docker "
                                + "engine answers (Testcontainers' DockerClientFactory.isDockerAvailable() is false): "
                                + "start one, or ask for s3proxy");
                    }
                    return new Choice(LOCALSTACK, "asked for");
                default:
                    throw new IllegalArgumentException(PROPERTY + "/" + ENV + "=" + asked
                            + " is not an upstream; expected s3proxy or localstack");
            }
        }
        if (ci) {
            return new Choice(S3PROXY, "CI=true");
        }
        if (s3proxyAnswers.getAsBoolean()) {
            return new Choice(S3PROXY, "S3Proxy answers");
        }
        if (dockerAvailable.getAsBoolean()) {
            return new Choice(LOCALSTACK, "S3Proxy does not answer, a Docker engine does");
        }
        return new Choice(S3PROXY, "neither S3Proxy nor a Docker engine answers: scripts/s3proxy.sh starts S3Proxy");
    }
}
