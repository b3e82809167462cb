package io.trustgate.s3.checksum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumAlgorithmTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void computesTheStandardCheckValues() {
        assertThat(hex(ChecksumAlgorithm.CRC32, CHECK)).isEqualTo("cbf43926");
        assertThat(hex(ChecksumAlgorithm.CRC32C, CHECK)).isEqualTo("e3069283");
        assertThat(hex(ChecksumAlgorithm.CRC64NVME, CHECK)).isEqualTo("ae8b14860a799888");
        assertThat(hex(ChecksumAlgorithm.SHA1, CHECK)).isEqualTo("f7c3bc1d808e04732adf679965ccc34ca7ae3441");
        assertThat(hex(ChecksumAlgorithm.SHA256, CHECK))
                .isEqualTo("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
    }

    @Test
    void namesAndHeaderNamesRoundTrip() {
        assertThat(ChecksumAlgorithm.CRC64NVME.headerName()).isEqualTo("x-amz-checksum-crc64nvme");
        assertThat(ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-CRC32C")).contains(ChecksumAlgorithm.CRC32C);
        assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-md5")).isEmpty();
        assertThat(ChecksumAlgorithm.fromHeaderName(null)).isEmpty();
        assertThat(ChecksumAlgorithm.fromName("sha256")).contains(ChecksumAlgorithm.SHA256);
        assertThat(ChecksumAlgorithm.fromName("CRC64NVME")).contains(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.fromName("XXHASH64")).isEmpty();
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            assertThat(ChecksumAlgorithm.fromHeaderName(algorithm.headerName())).contains(algorithm);
            assertThat(algorithm.newDigest().finish()).hasSize(algorithm.length());
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void matchesTheAwsSdkOverSplitHeapDirectAndCompositeBuffers(ChecksumAlgorithm algorithm) {
        Random random = new Random(algorithm.ordinal());
        byte[] data = new byte[200_001];
        random.nextBytes(data);
        StreamingChecksum ours = algorithm.newDigest();
        int position = 0;
        int piece = 0;
        while (position < data.length) {
            int n = Math.min(data.length - position, 1 + random.nextInt(5000));
            ByteBuf buf = switch (piece++ % 3) {
                case 0 -> Unpooled.wrappedBuffer(data, position, n);
                case 1 -> Unpooled.directBuffer(n).writeBytes(data, position, n);
                default -> composite(data, position, n);
            };
            try {
                ours.update(buf);
                assertThat(buf.readableBytes()).isEqualTo(n);
            } finally {
                buf.release();
            }
            position += n;
        }
        SdkChecksum sdk = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.fromValue(algorithm.name()));
        sdk.update(data, 0, data.length);

        assertThat(ours.finishBase64()).isEqualTo(Checksums.base64(sdk.getChecksumBytes()));
    }

    private static CompositeByteBuf composite(byte[] data, int offset, int n) {
        int half = n / 2;
        return Unpooled.compositeBuffer()
                .addComponent(true, Unpooled.directBuffer(Math.max(half, 1)).writeBytes(data, offset, half))
                .addComponent(true, Unpooled.wrappedBuffer(data, offset + half, n - half));
    }

    private static String hex(ChecksumAlgorithm algorithm, byte[] data) {
        StreamingChecksum digest = algorithm.newDigest();
        digest.update(data);
        return HexFormat.of().formatHex(digest.finish());
    }
}
