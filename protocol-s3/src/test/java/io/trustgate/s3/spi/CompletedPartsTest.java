package io.trustgate.s3.spi;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CompletedPartsTest {

    private static final String CRC = "AAAAAQ==";
    private static final PartInfo STORED = new PartInfo(3, "e", 10, Instant.EPOCH,
            List.of(new Checksum("CRC32", CRC, ChecksumType.FULL_OBJECT)));

    @Test
    void aCompositeUploadRefusesAPartWithoutItsChecksumWithAwsMessage() {
        BlobStoreException e = failure("CRC32", ChecksumType.COMPOSITE, new CompletedPart(3, "e"));
        assertThat(e.code()).isEqualTo("InvalidRequest");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("The upload was created using a crc32 checksum. The complete request "
                + "must include the checksum for each part. It was missing for part 3 in the request.");
    }

    @Test
    void aChecksumThatDiffersFromTheStoredPartIsInvalidPart() {
        BlobStoreException e = failure("CRC32", ChecksumType.COMPOSITE, part("CRC32", "AAAAAg=="));
        assertThat(e.code()).isEqualTo("InvalidPart");
        assertThat(failure("CRC32", ChecksumType.FULL_OBJECT, part("CRC32", "AAAAAg==")).code())
                .isEqualTo("InvalidPart");
        assertThat(failure("CRC32", ChecksumType.COMPOSITE, part("CRC32", "AAAA!AQ==")).code())
                .isEqualTo("InvalidPart");
    }

    @Test
    void aChecksumOfAnotherAlgorithmIsBadDigestOnACompositeUpload() {
        BlobStoreException e = failure("CRC32", ChecksumType.COMPOSITE, part("SHA256", "x"));
        assertThat(e.code()).isEqualTo("BadDigest");
        assertThat(e.getMessage()).isEqualTo("The sha256 you specified for part 3 did not match what we received.");
    }

    @Test
    void acceptsTheStoredValueAndWhatAFullObjectOrAPlainUploadDoesNotNeed() {
        assertThatCode(() -> check("CRC32", ChecksumType.COMPOSITE, part("CRC32", CRC))).doesNotThrowAnyException();
        assertThatCode(() -> check("CRC32", ChecksumType.COMPOSITE, part("CRC32", " " + CRC)))
                .doesNotThrowAnyException();
        assertThatCode(() -> check("CRC32", ChecksumType.FULL_OBJECT, new CompletedPart(3, "e")))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(null, null, part("CRC32", "AAAAAg=="))).doesNotThrowAnyException();
    }

    @Test
    void theFingerprintFollowsPartNumbersAndEtagsButNotQuotes() {
        List<CompletedPart> list = List.of(new CompletedPart(1, "a"), new CompletedPart(2, "b"));
        assertThat(CompletedParts.fingerprint(list)).hasSize(64)
                .isEqualTo(CompletedParts.fingerprint(List.of(new CompletedPart(1, "\"a\""),
                        new CompletedPart(2, "b", List.of(new Checksum("CRC32", CRC, ChecksumType.FULL_OBJECT))))))
                .isNotEqualTo(CompletedParts.fingerprint(List.of(new CompletedPart(1, "a"), new CompletedPart(3, "b"))))
                .isNotEqualTo(CompletedParts.fingerprint(List.of(new CompletedPart(1, "a"))))
                .isNotEqualTo(CompletedParts.fingerprint(List.of(new CompletedPart(1, "a"), new CompletedPart(2, "c"))));
    }

    private static CompletedPart part(String algorithm, String value) {
        return new CompletedPart(3, "e", List.of(new Checksum(algorithm, value, ChecksumType.FULL_OBJECT)));
    }

    private static void check(String algorithm, ChecksumType type, CompletedPart part) {
        CompletedParts.checkChecksum(algorithm, type, part, STORED);
    }

    private static BlobStoreException failure(String algorithm, ChecksumType type, CompletedPart part) {
        return catchThrowableOfType(() -> check(algorithm, type, part), BlobStoreException.class);
    }
}
