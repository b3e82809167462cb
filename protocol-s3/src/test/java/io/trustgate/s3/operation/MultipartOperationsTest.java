package io.trustgate.s3.operation;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CompletedPart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartOperationsTest {

    @Test
    void parsesEachPartsChecksumElements() {
        List<CompletedPart> parts = MultipartOperations.parseParts(("<CompleteMultipartUpload xmlns=\"http://s3"
                + ".amazonaws.com/doc/2006-03-01/\"><Part><PartNumber>1</PartNumber><ETag>\"aa\"</ETag>"
                + "<ChecksumCRC32>AAAAAQ==</ChecksumCRC32></Part><Part><ETag>bb</ETag><PartNumber>2</PartNumber>"
                + "<ChecksumSHA256> 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= </ChecksumSHA256>"
                + "<ChecksumCRC64NVME>AAAAAAAAAAA=</ChecksumCRC64NVME></Part>"
                + "<Part><PartNumber>3</PartNumber><ETag>cc</ETag></Part></CompleteMultipartUpload>")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(parts).containsExactly(
                new CompletedPart(1, "aa", List.of(new Checksum("CRC32", "AAAAAQ==", ChecksumType.FULL_OBJECT))),
                new CompletedPart(2, "bb", List.of(
                        new Checksum("CRC64NVME", "AAAAAAAAAAA=", ChecksumType.FULL_OBJECT),
                        new Checksum("SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                                ChecksumType.FULL_OBJECT))),
                new CompletedPart(3, "cc"));
        assertThat(parts.get(1).checksum("SHA256")).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(parts.get(2).checksum("CRC32")).isNull();
    }

    @Test
    void aPartWithoutNumberOrEtagIsMalformedXml() {
        assertThatThrownBy(() -> MultipartOperations.parseParts(
                "<CompleteMultipartUpload><Part><ETag>a</ETag></Part></CompleteMultipartUpload>"
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(BlobStoreException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }
}
