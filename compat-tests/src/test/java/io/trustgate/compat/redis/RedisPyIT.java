package io.trustgate.compat.redis;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * redis-py (Debian's {@code python3-redis}, run by {@code /usr/bin/python3}) against every target, through
 * {@code src/test/python/redis_compat.py}. What each target lacks is passed from {@link Target}, so the script
 * and the Java suites share one declaration.
 */
@Timeout(180)
class RedisPyIT extends GatewayTest {

    private static final String PYTHON = "/usr/bin/python3";

    @ParameterizedTest
    @EnumSource(Target.class)
    void redisPyChecksAllPass(Target target) throws Exception {
        requireRedisPy();
        Path script = Processes.projectRoot().resolve("compat-tests/src/test/python/redis_compat.py");
        assertThat(script).exists();
        String lacks = Stream.of(Target.Feature.values()).filter(f -> !target.has(f))
                .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
        Processes.Result result = Processes.run(List.of(PYTHON, script.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(gateway.port(target)),
                "--target", target.listener(), "--backend", target.backend(), "--lacks", lacks),
                Duration.ofSeconds(150), null);
        assertThat(result.exitCode()).as("redis_compat.py exit code; its output:%n%s", result.output()).isZero();
        assertThat(result.stdout()).as(result.output()).containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    private static void requireRedisPy() throws Exception {
        String why = null;
        if (!Files.isExecutable(Path.of(PYTHON))) {
            why = PYTHON + " is missing";
        } else {
            Processes.Result probe = Processes.run(List.of(PYTHON, "-c", "import redis"), Duration.ofSeconds(30),
                    null);
            if (probe.exitCode() != 0) {
                why = "redis-py is not importable by " + PYTHON + " (apt-get install -y python3-redis): "
                        + probe.output();
            }
        }
        if (why != null) {
            Assertions.fail(why);
        }
    }
}
