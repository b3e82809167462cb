package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import org.junit.jupiter.params.provider.Arguments;

import java.util.Arrays;
import java.util.stream.Stream;

/** Method sources for parameterized tests: every {@link S3Target}, alone or crossed with HTTP and HTTPS. */
final class Lanes {

    private Lanes() {
    }

    /** (target, scheme) for every target and both schemes: the SDK's trailer modes differ between them. */
    static Stream<Arguments> targetsAndSchemes() {
        return Arrays.stream(S3Target.values())
                .flatMap(t -> Arrays.stream(Scheme.values()).map(s -> Arguments.of(t, s)));
    }
}
