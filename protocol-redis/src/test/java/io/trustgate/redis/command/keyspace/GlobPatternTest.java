package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Expectations checked against KEYS on redis-server 7.0. */
class GlobPatternTest {

    private static boolean match(String pattern, String key) {
        return GlobPattern.compile(pattern.getBytes(StandardCharsets.UTF_8))
                .matches(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void starAndQuestionMark() {
        assertThat(match("*", "")).isTrue();
        assertThat(match("h*o", "hello")).isTrue();
        assertThat(match("h*o", "hellx")).isFalse();
        assertThat(match("h?llo", "hallo")).isTrue();
        assertThat(match("h?llo", "hllo")).isFalse();
        assertThat(match("**a", "bba")).isTrue();
        assertThat(match("a*", "a")).isTrue();
    }

    @Test
    void classesRangesAndNegation() {
        assertThat(match("h[ae]llo", "hello")).isTrue();
        assertThat(match("h[ae]llo", "hillo")).isFalse();
        assertThat(match("h[^e]llo", "hallo")).isTrue();
        assertThat(match("h[^e]llo", "hello")).isFalse();
        assertThat(match("h[a-b]llo", "hbllo")).isTrue();
        assertThat(match("h[b-a]llo", "hallo")).isTrue();
        assertThat(match("h[a-b]llo", "hcllo")).isFalse();
    }

    @Test
    void escapesMakeSpecialCharactersLiteral() {
        assertThat(match("a\\*", "a*")).isTrue();
        assertThat(match("a\\*", "ab")).isFalse();
        assertThat(match("[\\]]", "]")).isTrue();
        assertThat(match("a\\", "a\\")).isTrue();
    }

    @Test
    void unclosedBracketMatchesLikeRedis() {
        assertThat(match("[a", "a")).isTrue();
        assertThat(match("[", "x")).isFalse();
        assertThat(match("a[", "a")).isFalse();
    }

    @Test
    void manyStarsStayFastOnALongMismatch() {
        String key = "a".repeat(5000);
        String pattern = "*a".repeat(60) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(match(pattern, key)).isFalse());
    }

    @Test
    void starsNestedBeyondTheLimitMatchNothingInsteadOfOverflowingTheStack() {
        assertThat(match("*a".repeat(1000), "a".repeat(1000))).isTrue();
        String pattern = "*a".repeat(5000);
        assertThat(match(pattern, "a".repeat(5000))).isFalse();
    }
}
