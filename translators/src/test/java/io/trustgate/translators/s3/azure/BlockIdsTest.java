package io.trustgate.translators.s3.azure;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class BlockIdsTest {

    @Test
    void everyBlockIdOfABlobHasTheSameLength() {
        String a = BlockIds.blockId(BlockIds.newUploadId(), 0, 0);
        String b = BlockIds.blockId(BlockIds.newUploadId(), 10_000, 99_999);
        assertThat(a).hasSameSizeAs(b);
        assertThat(new String(Base64.getDecoder().decode(b), StandardCharsets.US_ASCII)).endsWith("-10000-99999");
    }

    @Test
    void uploadIdsAre32HexCharacters() {
        assertThat(BlockIds.isUploadId(BlockIds.newUploadId())).isTrue();
        assertThat(BlockIds.isUploadId("../etc")).isFalse();
        assertThat(BlockIds.isUploadId(null)).isFalse();
    }
}
