package io.trustgate.s3.checksum;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksumsTest {

    private static byte[] checksum(ChecksumAlgorithm algorithm, byte[] data) {
        StreamingChecksum digest = algorithm.newDigest();
        digest.update(data);
        return digest.finish();
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combineEqualsTheCrcOfTheConcatenation(ChecksumAlgorithm algorithm) {
        Random random = new Random(algorithm.ordinal());
        for (int[] lengths : new int[][] {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {100, 3}, {3, 100_000}, {70_000, 1_048_577}}) {
            byte[] a = new byte[lengths[0]];
            byte[] b = new byte[lengths[1]];
            random.nextBytes(a);
            random.nextBytes(b);
            byte[] whole = new byte[a.length + b.length];
            System.arraycopy(a, 0, whole, 0, a.length);
            System.arraycopy(b, 0, whole, a.length, b.length);

            byte[] combined = Checksums.combine(algorithm, checksum(algorithm, a), checksum(algorithm, b), b.length);

            assertThat(combined).as(lengths[0] + "+" + lengths[1]).isEqualTo(checksum(algorithm, whole));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectChecksumEqualsTheChecksumOfAllParts(ChecksumAlgorithm algorithm) {
        Random random = new Random(10 + algorithm.ordinal());
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        List<Checksums.Part> parts = new ArrayList<>();
        for (int size : new int[] {5 * 1024 * 1024, 1, 0, 777_777, 3}) {
            byte[] part = new byte[size];
            random.nextBytes(part);
            whole.writeBytes(part);
            parts.add(new Checksums.Part(checksum(algorithm, part), size));
        }

        assertThat(Checksums.fullObject(algorithm, parts)).isEqualTo(checksum(algorithm, whole.toByteArray()));
        assertThat(Checksums.fullObject(algorithm, List.of())).isEqualTo(checksum(algorithm, new byte[0]));
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combineIsAssociativeForObjectsOfManyGigabytes(ChecksumAlgorithm algorithm) {
        Random random = new Random(20 + algorithm.ordinal());
        byte[] a = new byte[algorithm.length()];
        byte[] b = new byte[algorithm.length()];
        byte[] c = new byte[algorithm.length()];
        random.nextBytes(a);
        random.nextBytes(b);
        random.nextBytes(c);
        long lengthB = 5L * 1024 * 1024 * 1024 + 13;
        long lengthC = 48_999_999_999L;

        byte[] left = Checksums.combine(algorithm, Checksums.combine(algorithm, a, b, lengthB), c, lengthC);
        byte[] right = Checksums.combine(algorithm, a, Checksums.combine(algorithm, b, c, lengthC), lengthB + lengthC);

        assertThat(left).isEqualTo(right);
    }

    @Test
    void combineRefusesNonCrcAlgorithms() {
        assertThatThrownBy(() -> Checksums.combine(ChecksumAlgorithm.SHA256, new byte[32], new byte[32], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checksums.combine(ChecksumAlgorithm.CRC32, new byte[8], new byte[4], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compositeIsTheChecksumOfThePartChecksumsWithThePartCount() {
        byte[] part1 = checksum(ChecksumAlgorithm.CRC32, "first part".getBytes());
        byte[] part2 = checksum(ChecksumAlgorithm.CRC32, "second part".getBytes());
        CRC32 expected = new CRC32();
        expected.update(part1);
        expected.update(part2);
        byte[] expectedBytes = {
                (byte) (expected.getValue() >>> 24), (byte) (expected.getValue() >>> 16),
                (byte) (expected.getValue() >>> 8), (byte) expected.getValue()};

        assertThat(Checksums.composite(ChecksumAlgorithm.CRC32, List.of(part1, part2)))
                .isEqualTo(Checksums.base64(expectedBytes) + "-2");
    }

    @Test
    void compositeOfSha256Parts() throws Exception {
        byte[] part1 = checksum(ChecksumAlgorithm.SHA256, "a".getBytes());
        byte[] part2 = checksum(ChecksumAlgorithm.SHA256, "b".getBytes());
        byte[] part3 = checksum(ChecksumAlgorithm.SHA256, "c".getBytes());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(part1);
        sha256.update(part2);
        sha256.update(part3);

        assertThat(Checksums.composite(ChecksumAlgorithm.SHA256, List.of(part1, part2, part3)))
                .isEqualTo(Checksums.base64(sha256.digest()) + "-3");
    }

    @Test
    void multipartETagIsMd5OfPartMd5s() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] part1 = md5.digest("part one".getBytes());
        byte[] part2 = md5.digest("part two".getBytes());
        md5.update(part1);
        md5.update(part2);

        assertThat(Checksums.multipartETag(List.of(part1, part2)))
                .isEqualTo(HexFormat.of().formatHex(md5.digest()) + "-2");
    }

    @Test
    void md5OfTheEmptyBody() {
        assertThat(Checksums.hex(Checksums.md5().finish())).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(Checksums.base64(Checksums.md5().finish())).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    @Test
    void base64RoundTripAndRejectsGarbage() {
        assertThat(Checksums.fromBase64("yZRlqg==")).hasValueSatisfying(
                bytes -> assertThat(Checksums.base64(bytes)).isEqualTo("yZRlqg=="));
        assertThat(Checksums.fromBase64("not base64!")).isEmpty();
    }
}
