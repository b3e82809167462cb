package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncodingTest {

    @Test
    void splitsAtSlashesWithTypeTags() {
        assertThat(components("a")).containsExactly("oa");
        assertThat(components("a/b")).containsExactly("da", "ob");
        assertThat(components("a/")).containsExactly("da", "o");
        assertThat(components("/")).containsExactly("d", "o");
        assertThat(components("..")).containsExactly("o..");
        assertThat(components("../x")).containsExactly("d..", "ox");
        assertThat(components("é %/\u0000")).containsExactly("d%C3%A9%20%25", "o%00");
    }

    @Test
    void longSegmentsBecomeContinuationsOfEightyBytes() {
        assertThat(components("x".repeat(79))).containsExactly("o" + "x".repeat(79));
        assertThat(components("x".repeat(80))).containsExactly("c" + "x".repeat(80), "o");
        assertThat(components("x".repeat(170) + "/y")).containsExactly("c" + "x".repeat(80), "c" + "x".repeat(80),
                "d" + "x".repeat(10), "oy");
        for (String name : components("é".repeat(512))) {
            assertThat(name.length()).isLessThanOrEqualTo(241);
        }
    }

    @Test
    void parsesOnlyCanonicalNames() {
        for (String key : List.of("a/b/c", "é/ü/" + "z".repeat(200), "%2F/./../ /~")) {
            for (String name : components(key)) {
                TreeEntry e = KeyEncoding.parse(name);
                assertThat(e).as(name).isNotNull();
                assertThat(e.fileName()).isEqualTo(name);
            }
        }
        assertThat(KeyEncoding.parse("oa").sortKey()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        assertThat(KeyEncoding.parse("da").sortKey()).isEqualTo("a/".getBytes(StandardCharsets.UTF_8));
        assertThat(KeyEncoding.parse("o%c3%a9")).as("lower-case hex").isNull();
        assertThat(KeyEncoding.parse("o%41")).as("escaped safe byte").isNull();
        assertThat(KeyEncoding.parse("o%2F")).as("slash").isNull();
        assertThat(KeyEncoding.parse("o%4")).as("truncated escape").isNull();
        assertThat(KeyEncoding.parse("x.tmp")).as("other tag").isNull();
        assertThat(KeyEncoding.parse("cshort")).as("continuation not 80 bytes").isNull();
        assertThat(KeyEncoding.parse("o" + "x".repeat(80))).as("plain segment of 80 bytes").isNull();
        assertThat(KeyEncoding.parse("")).isNull();
    }

    @Test
    void refusesEmptyOverlongAndMalformedKeys() {
        assertThat(KeyEncoding.utf8("k".repeat(1024))).hasSize(1024);
        assertThatThrownBy(() -> KeyEncoding.utf8("k".repeat(1025))).isInstanceOf(BlobStoreException.class)
                .extracting(e -> ((BlobStoreException) e).code()).isEqualTo("KeyTooLongError");
        assertThatThrownBy(() -> KeyEncoding.utf8("")).extracting(e -> ((BlobStoreException) e).code())
                .isEqualTo("InvalidArgument");
        assertThatThrownBy(() -> KeyEncoding.utf8("\uDC00x")).extracting(e -> ((BlobStoreException) e).code())
                .isEqualTo("InvalidArgument");
    }

    private static List<String> components(String key) {
        return KeyEncoding.components(key.getBytes(StandardCharsets.UTF_8));
    }
}
