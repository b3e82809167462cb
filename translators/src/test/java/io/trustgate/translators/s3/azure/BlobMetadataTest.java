package io.trustgate.translators.s3.azure;

import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.ObjectProperties;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BlobMetadataTest {

    @Test
    void encodedNamesAreCSharpIdentifiersAndDecodeBack() {
        for (String name : List.of("color", "x-odd.name", "under_score", "ünï", "a b", "_", "9lives", "UPPER")) {
            String encoded = "m_" + BlobMetadata.encodeName(name);
            assertThat(encoded).matches("[a-z_][a-z0-9_]*");
            assertThat(BlobMetadata.decodeName(encoded.substring(2))).isEqualTo(name);
        }
        assertThat(BlobMetadata.encodeName("x-odd.name")).isEqualTo("x_2dodd_2ename");
    }

    @Test
    void propertiesRoundTripThroughAzureMetadata() {
        ObjectProperties props = new ObjectProperties("text/plain", null, null, null, null,
                "Thu, 01 Jan 2037 00:00:00 GMT",
                Map.of("plain", "value", "empty", "", "spaced", " x ", "utf", "grüße", "tilde", "~x"));
        List<Checksum> checksums = List.of(new Checksum("CRC64NVME", "AAAAAAAAAAA=", ChecksumType.FULL_OBJECT),
                new Checksum("SHA256", "abc=-3", ChecksumType.COMPOSITE));
        Map<String, String> azure = BlobMetadata.toAzure(props, "d41d8cd98f00b204e9800998ecf8427e-2", checksums,
                List.of(5L, 6L));
        for (Map.Entry<String, String> e : azure.entrySet()) {
            assertThat(e.getKey()).matches("[a-z_][a-z0-9_]*");
            assertThat(e.getValue()).matches("[\\x20-\\x7e]*");
        }
        ObjectProperties back = BlobMetadata.properties("text/plain", null, null, null, null, azure);
        assertThat(back).isEqualTo(props);
        assertThat(BlobMetadata.checksums(azure)).isEqualTo(checksums);
        assertThat(BlobMetadata.partsCount(azure)).isEqualTo(2);
        assertThat(BlobMetadata.partSizes(azure)).containsExactly(5L, 6L);
        assertThat(BlobMetadata.s3Etag(azure, null, "\"0x1\"")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e-2");
    }

    @Test
    void blobsWrittenByOthersGetAnEtagFromContentMd5OrAzure() {
        byte[] md5 = new byte[16];
        md5[15] = 1;
        assertThat(BlobMetadata.s3Etag(Map.of(), md5, "\"0x8DC\"")).isEqualTo("00000000000000000000000000000001");
        assertThat(BlobMetadata.s3Etag(null, null, "\"0x8DC\"")).isEqualTo("0x8dc");
        assertThat(BlobMetadata.properties(null, null, null, null, null, Map.of("Owner", "x")).userMetadata())
                .isEmpty();
    }
}
