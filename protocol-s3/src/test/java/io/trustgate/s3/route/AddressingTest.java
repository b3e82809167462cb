package io.trustgate.s3.route;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressingTest {

    private final Addressing addressing = new Addressing(List.of("s3.localhost", "Example.COM"));

    @Test
    void pathStyleSplitsBucketAndDecodedKey() {
        assertThat(addressing.resolve("127.0.0.1:9000", "/bkt/a%20b/c%2Bd+e"))
                .isEqualTo(new Addressing.Target("bkt", "a b/c+d+e"));
    }

    @Test
    void pathStyleBucketOnlyAndService() {
        assertThat(addressing.resolve("localhost", "/bkt")).isEqualTo(new Addressing.Target("bkt", null));
        assertThat(addressing.resolve("localhost", "/bkt/")).isEqualTo(new Addressing.Target("bkt", null));
        assertThat(addressing.resolve("localhost", "/")).isEqualTo(new Addressing.Target(null, null));
    }

    @Test
    void virtualHostStyleTakesTheBucketFromTheHost() {
        assertThat(addressing.resolve("my.bucket.s3.localhost:9000", "/dir/key"))
                .isEqualTo(new Addressing.Target("my.bucket", "dir/key"));
        assertThat(addressing.resolve("b.example.com", "/")).isEqualTo(new Addressing.Target("b", null));
    }

    @Test
    void theSuffixItselfIsPathStyle() {
        assertThat(addressing.resolve("s3.localhost:9000", "/bkt/k")).isEqualTo(new Addressing.Target("bkt", "k"));
        assertThat(addressing.resolve("xs3.localhost", "/bkt/k")).isEqualTo(new Addressing.Target("bkt", "k"));
    }

    @Test
    void aHostEqualToOneSuffixIsPathStyleEvenWhenAShorterSuffixMatchesIt() {
        Addressing defaults = new Addressing(List.of("s3.localhost", "localhost"));
        assertThat(defaults.resolve("s3.localhost:9000", "/bkt/k")).isEqualTo(new Addressing.Target("bkt", "k"));
        assertThat(defaults.resolve("S3.LocalHost", "/bkt")).isEqualTo(new Addressing.Target("bkt", null));
        assertThat(defaults.resolve("s3.localhost", "/")).isEqualTo(new Addressing.Target(null, null));
        assertThat(defaults.resolve("localhost:9000", "/bkt/k")).isEqualTo(new Addressing.Target("bkt", "k"));
    }

    @Test
    void theLongestMatchingSuffixWinsWhateverTheListOrder() {
        for (List<String> suffixes : List.of(List.of("localhost", "s3.localhost"), List.of("s3.localhost", "localhost"))) {
            Addressing a = new Addressing(suffixes);
            assertThat(a.resolve("vhb.s3.localhost:9000", "/k")).as("%s", suffixes).isEqualTo(new Addressing.Target("vhb", "k"));
            assertThat(a.resolve("vhb.localhost", "/k")).as("%s", suffixes).isEqualTo(new Addressing.Target("vhb", "k"));
            assertThat(a.resolve("a.b.localhost", "/")).as("%s", suffixes).isEqualTo(new Addressing.Target("a.b", null));
            assertThat(a.resolve("s3.localhost", "/b/k")).as("%s", suffixes).isEqualTo(new Addressing.Target("b", "k"));
        }
    }

    @Test
    void ipLiteralsAndUnmatchedHostsArePathStyle() {
        Addressing a = new Addressing(List.of("0.1", "localhost"));
        assertThat(a.resolve("127.0.0.1:9000", "/bkt/k")).isEqualTo(new Addressing.Target("bkt", "k"));
        assertThat(a.resolve("[::1]:9000", "/bkt/k")).isEqualTo(new Addressing.Target("bkt", "k"));
        assertThat(a.resolve("gateway.internal:9000", "/bkt/k")).isEqualTo(new Addressing.Target("bkt", "k"));
    }

    @Test
    void keepsTrailingSlashesAndDotsInKeys() {
        assertThat(addressing.resolve(null, "/b/a/../b/")).isEqualTo(new Addressing.Target("b", "a/../b/"));
    }

    @Test
    void rejectsMalformedEscapes() {
        assertThatThrownBy(() -> addressing.resolve(null, "/b/%zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
