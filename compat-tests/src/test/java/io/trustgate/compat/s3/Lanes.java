package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import org.junit.jupiter.params.provider.Arguments;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Method sources for parameterized tests: every {@link S3Target}, alone or crossed with HTTP and HTTPS.
 *
 * <p>System property {@code s3.lanes} (lane ids, comma-separated, e.g. {@code -Ds3.lanes=filesystem}) narrows a
 * local run to some lanes; unset, every lane runs, as in CI. An unknown id fails rather than running nothing.
 */
final class Lanes {

    static final String PROPERTY = "s3.lanes";

    private Lanes() {
    }

    /** The lanes to run: all, or those named by {@value #PROPERTY}. */
    static Stream<S3Target> targets() {
        String wanted = System.getProperty(PROPERTY, "").trim();
        if (wanted.isEmpty()) {
            return Arrays.stream(S3Target.values());
        }
        Set<String> ids = Arrays.stream(wanted.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Set<String> known = Arrays.stream(S3Target.values()).map(S3Target::id).collect(Collectors.toSet());
        if (!known.containsAll(ids)) {
            throw new IllegalArgumentException(PROPERTY + "=" + wanted + " names an unknown lane; expected some of "
                    + known);
        }
        return Arrays.stream(S3Target.values()).filter(t -> ids.contains(t.id()));
    }

    /**
     * The trustgate lanes only: for behaviour the gateway decides before any backend is asked (refusals of what
     * no backend here honours), where the reference server's own choices are not the point.
     */
    static Stream<S3Target> gatewayTargets() {
        return targets().filter(t -> t.kind() == S3Target.Kind.GATEWAY);
    }

    /** (target, scheme) for every target and both schemes: the SDK's trailer modes differ between them. */
    static Stream<Arguments> targetsAndSchemes() {
        return targets().flatMap(t -> Arrays.stream(Scheme.values()).map(s -> Arguments.of(t, s)));
    }
}
