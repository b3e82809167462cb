package io.trustgate.s3.checksum;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Crc64NvmeTest {

    @Test
    void matchesThePublishedCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));

        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void emptyInputIsZeroAndResetStartsOver() {
        Crc64Nvme crc = new Crc64Nvme();
        assertThat(crc.getValue()).isZero();

        crc.update(new byte[] {1, 2, 3}, 0, 3);
        crc.reset();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));

        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void singleByteUpdatesMatchTheEightByteLoop() {
        byte[] data = new byte[1000];
        new Random(1).nextBytes(data);
        Crc64Nvme bulk = new Crc64Nvme();
        Crc64Nvme single = new Crc64Nvme();

        bulk.update(data, 3, 990);
        for (int i = 3; i < 993; i++) {
            single.update(data[i]);
        }

        assertThat(single.getValue()).isEqualTo(bulk.getValue());
    }

    @Test
    void matchesTheAwsSdkCrtImplementation() {
        Random random = new Random(2);
        for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 65_536, 1_000_003}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            SdkChecksum sdk = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.CRC64NVME);
            sdk.update(data, 0, length);
            Crc64Nvme ours = new Crc64Nvme();
            ours.update(data, 0, length);

            assertThat(ours.getValue()).as("length " + length).isEqualTo(sdk.getValue());
        }
    }
}
