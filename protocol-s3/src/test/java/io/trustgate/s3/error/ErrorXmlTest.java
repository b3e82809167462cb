package io.trustgate.s3.error;

import io.trustgate.s3.spi.BlobStoreException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorXmlTest {

    @Test
    void bodyCarriesCodeMessageResourceAndRequestId() {
        String xml = new String(ErrorXml.body(BlobStoreException.noSuchKey("k"), "/b/<k>", "RID1"),
                StandardCharsets.UTF_8);
        assertThat(xml).contains("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                + "<Resource>/b/&lt;k&gt;</Resource><RequestId>RID1</RequestId></Error>");
    }

    @Test
    void unknownFailuresBecomeInternalError() {
        BlobStoreException e = BlobStoreException.from(new java.util.concurrent.CompletionException(
                new IllegalStateException("disk on fire")));
        assertThat(e.code()).isEqualTo("InternalError");
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).doesNotContain("disk on fire");
    }
}
