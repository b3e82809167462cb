package io.trustgate.s3.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeleteConditionTest {

    @Test
    void parsesQuotedWeakAndStarValues() {
        assertThat(DeleteCondition.ifMatch(null)).isSameAs(DeleteCondition.NONE);
        assertThat(DeleteCondition.ifMatch("\"abc\"").ifMatch()).isEqualTo("abc");
        assertThat(DeleteCondition.ifMatch("W/\"abc\"").ifMatch()).isEqualTo("abc");
        assertThat(DeleteCondition.ifMatch(" * ").anyVersion()).isTrue();
        assertThat(DeleteCondition.ifMatch("abc").anyVersion()).isFalse();
    }

    @Test
    void checkAnswersNoSuchKeyForAMissingKeyAndPreconditionFailedForAnotherEtag() {
        assertThatThrownBy(() -> DeleteCondition.ifMatch("*").check(null, "k"))
                .isInstanceOfSatisfying(BlobStoreException.class, e -> assertThat(e.code()).isEqualTo("NoSuchKey"));
        assertThatThrownBy(() -> DeleteCondition.ifMatch("\"a\"").check("b", "k"))
                .isInstanceOfSatisfying(BlobStoreException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(412));
        DeleteCondition.ifMatch("\"a\"").check("a", "k");
        DeleteCondition.ifMatch("*").check("b", "k");
        DeleteCondition.NONE.check(null, "k");
    }
}
