package io.trustgate.s3.route;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentCodecTest {

    @Test
    void decodesUtf8AndKeepsPlus() {
        assertThat(PercentCodec.decode("%C3%BC+x%2F")).isEqualTo("ü+x/");
    }

    @Test
    void encodesForUrlEncodingTypeKeepingSlashes() {
        assertThat(PercentCodec.encode("a b/ü+&")).isEqualTo("a%20b/%C3%BC%2B%26");
    }

    @Test
    void queryWithoutValueIsEmptyString() {
        QueryParams q = QueryParams.parse("uploads&prefix=a%20b&x=");
        assertThat(q.first("uploads")).isEmpty();
        assertThat(q.first("prefix")).isEqualTo("a b");
        assertThat(q.first("x")).isEmpty();
        assertThat(q.has("y")).isFalse();
    }
}
