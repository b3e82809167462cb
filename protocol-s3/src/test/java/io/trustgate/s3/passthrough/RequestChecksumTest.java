package io.trustgate.s3.passthrough;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** How the client's checksum is passed on to the upstream SDK request. */
class RequestChecksumTest {

    @Test
    void aHeaderValueGoesOnAsTheSameHeaderWithoutAnAlgorithmToCompute() {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket("b").key("k");
        assertThat(Conversions.requestChecksum("SHA256", "c2hh", setters(b))).isTrue();
        PutObjectRequest r = b.build();
        assertThat(r.checksumSHA256()).isEqualTo("c2hh");
        assertThat(r.checksumAlgorithm()).isNull();
        assertThat(r.checksumCRC32()).isNull();
    }

    @Test
    void aTrailerChecksumIsNotPassedOn() {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket("b").key("k");
        assertThat(Conversions.requestChecksum("CRC32C", null, setters(b))).isFalse();
        PutObjectRequest r = b.build();
        assertThat(r.checksumAlgorithm()).isNull();
        assertThat(r.checksumCRC32C()).isNull();
    }

    @Test
    void everyAlgorithmReachesItsOwnField() {
        UploadPartRequest.Builder b = UploadPartRequest.builder();
        Conversions.ChecksumSetters set = new Conversions.ChecksumSetters(b::checksumCRC32, b::checksumCRC32C,
                b::checksumCRC64NVME, b::checksumSHA1, b::checksumSHA256);
        Conversions.requestChecksum("CRC32", "1", set);
        Conversions.requestChecksum("CRC32C", "2", set);
        Conversions.requestChecksum("CRC64NVME", "3", set);
        Conversions.requestChecksum("SHA1", "4", set);
        Conversions.requestChecksum("SHA256", "5", set);
        UploadPartRequest r = b.build();
        assertThat(new String[] {r.checksumCRC32(), r.checksumCRC32C(), r.checksumCRC64NVME(), r.checksumSHA1(),
                r.checksumSHA256()}).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void noChecksumSetsNothing() {
        PutObjectRequest.Builder b = PutObjectRequest.builder();
        assertThat(Conversions.requestChecksum(null, null, setters(b))).isFalse();
        assertThat(b.build().checksumAlgorithm()).isNull();
    }

    private static Conversions.ChecksumSetters setters(PutObjectRequest.Builder b) {
        return new Conversions.ChecksumSetters(b::checksumCRC32, b::checksumCRC32C, b::checksumCRC64NVME,
                b::checksumSHA1, b::checksumSHA256);
    }
}
