package io.trustgate.s3.checksum;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestedChecksumTest {

    @Test
    void aChecksumHeaderGivesItsAlgorithmAndValue() {
        HttpHeaders h = new DefaultHttpHeaders().set("X-Amz-Checksum-Sha256", "abc=");
        assertThat(RequestedChecksum.of(h)).isEqualTo(new RequestedChecksum(ChecksumAlgorithm.SHA256, "abc="));
        assertThat(RequestedChecksum.of(h).algorithmName()).isEqualTo("SHA256");
    }

    @Test
    void aHeaderValueWinsOverATrailer() {
        HttpHeaders h = new DefaultHttpHeaders().set("x-amz-checksum-crc32c", "AAAAAA==")
                .set("x-amz-trailer", "x-amz-checksum-crc32");
        assertThat(RequestedChecksum.of(h)).isEqualTo(new RequestedChecksum(ChecksumAlgorithm.CRC32C, "AAAAAA=="));
    }

    @Test
    void aTrailerNamesTheAlgorithmWithoutAValue() {
        HttpHeaders h = new DefaultHttpHeaders().set("x-amz-trailer", "X-Amz-Checksum-CRC64NVME")
                .set("x-amz-sdk-checksum-algorithm", "CRC32");
        assertThat(RequestedChecksum.of(h)).isEqualTo(new RequestedChecksum(ChecksumAlgorithm.CRC64NVME, null));
    }

    @Test
    void theSdkAlgorithmHeaderAloneNamesTheAlgorithm() {
        HttpHeaders h = new DefaultHttpHeaders().set("x-amz-sdk-checksum-algorithm", "crc32");
        assertThat(RequestedChecksum.of(h)).isEqualTo(new RequestedChecksum(ChecksumAlgorithm.CRC32, null));
    }

    @Test
    void noChecksumHeadersIsNone() {
        assertThat(RequestedChecksum.of(new DefaultHttpHeaders().set("x-amz-trailer", "x-amz-meta-x")))
                .isSameAs(RequestedChecksum.NONE);
        assertThat(RequestedChecksum.NONE.algorithmName()).isNull();
    }

    @Test
    void anUnknownSdkAlgorithmIsRefused() {
        assertThatThrownBy(() -> RequestedChecksum.of(new DefaultHttpHeaders()
                .set("x-amz-sdk-checksum-algorithm", "MD5"))).isInstanceOf(IllegalArgumentException.class);
    }
}
