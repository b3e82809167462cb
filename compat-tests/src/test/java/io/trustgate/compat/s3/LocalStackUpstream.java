package io.trustgate.compat.s3;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack's S3 in a container, through Testcontainers, as the PASSTHROUGH lane's upstream when
 * {@link PassthroughUpstream} picks it: started once per test JVM on first use, stopped when the JVM exits. The
 * image is {@value #DEFAULT_IMAGE} unless system property {@value #IMAGE_PROPERTY} names another; a
 * {@code LOCALSTACK_AUTH_TOKEN} in the environment is handed to the container (images that need one). Written
 * on a machine without a Docker engine: this path compiles there and its choice is unit-tested, but it has not
 * been run there.
 */
final class LocalStackUpstream {

    static final String IMAGE_PROPERTY = "s3.localstackImage";
    static final String DEFAULT_IMAGE = "localstack/localstack:4.0";

    private static LocalStackContainer container;

    private LocalStackUpstream() {
    }

    /** Whether Testcontainers finds a Docker engine (not only a {@code docker} client). */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static synchronized PassthroughUpstream.Endpoint start() {
        if (container == null) {
            LocalStackContainer c = new LocalStackContainer(
                    DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE))).withServices("s3");
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token != null && !token.isBlank()) {
                c.withEnv("LOCALSTACK_AUTH_TOKEN", token);
            }
            c.start();
            container = c;
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "s3-compat-localstack-stop"));
        }
        return new PassthroughUpstream.Endpoint(container.getEndpoint(), container.getAccessKey(),
                container.getSecretKey());
    }
}
