package io.trustgate.s3.operation;

import io.trustgate.s3.spi.BlobStoreException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest {

    @Test
    void parsesClosedOpenAndSuffixRanges() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-10", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=50-500", 100)).isEqualTo(new ByteRange(50, 99));
        assertThat(new ByteRange(2, 4).contentRange(10)).isEqualTo("bytes 2-4/10");
    }

    @Test
    void ignoresWhatItCannotParse() {
        assertThat(ByteRange.parse(null, 10)).isNull();
        assertThat(ByteRange.parse("items=0-1", 10)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,3-4", 10)).isNull();
        assertThat(ByteRange.parse("bytes=5-2", 10)).isNull();
        assertThat(ByteRange.parse("bytes=a-b", 10)).isNull();
    }

    @Test
    void unsatisfiableRangeIsInvalidRange() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=10-", 10))
                .isInstanceOfSatisfying(BlobStoreException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidRange");
                    assertThat(e.httpStatus()).isEqualTo(416);
                });
        assertThatThrownBy(() -> ByteRange.parse("bytes=-5", 0)).isInstanceOf(BlobStoreException.class);
    }
}
