package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PerSecondTest {

    @Test
    void computesOncePerSecondAndAgainWhenTheSecondChangesEitherWay() {
        List<Long> computed = new ArrayList<>();
        PerSecond<String> text = new PerSecond<>(second -> {
            computed.add(second);
            return "t" + second;
        });
        assertThat(text.at(100)).isEqualTo("t100");
        assertThat(text.at(100)).isEqualTo("t100");
        assertThat(text.at(101)).isEqualTo("t101");
        // A clock stepped back gets its own second's value, not the newer one.
        assertThat(text.at(100)).isEqualTo("t100");
        assertThat(computed).containsExactly(100L, 101L, 100L);
    }

    @Test
    void theFirstSecondAskedForIsComputedWhateverItIs() {
        PerSecond<String> text = new PerSecond<>(second -> "t" + second);
        assertThat(text.at(Long.MIN_VALUE + 1)).isEqualTo("t" + (Long.MIN_VALUE + 1));
        assertThat(new PerSecond<>(second -> "t" + second).at(0)).isEqualTo("t0");
    }
}
