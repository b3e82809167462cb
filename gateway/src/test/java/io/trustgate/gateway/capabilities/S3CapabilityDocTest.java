package io.trustgate.gateway.capabilities;

import io.trustgate.s3.passthrough.S3PassthroughSettings;
import io.trustgate.s3.passthrough.S3PassthroughStore;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.Support;
import io.trustgate.translators.s3.filesystem.FilesystemBlobStore;
import io.trustgate.translators.s3.filesystem.FilesystemStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The capability table in {@code docs/s3.md} is what the S3 backends declare. */
class S3CapabilityDocTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", ".")).resolve("../docs/s3.md").normalize();

    @TempDir
    Path dir;

    @Test
    void docTableIsWhatTheBackendsDeclare() throws Exception {
        String generated;
        try (FilesystemBlobStore fs = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir))) {
            Map<String, Map<BlobCapability, Support>> columns = new LinkedHashMap<>();
            columns.put("filesystem", fs.capabilities());
            try (S3PassthroughStore s3 = S3PassthroughStore.open(S3PassthroughSettings.of("doc",
                    URI.create("http://127.0.0.1:1"), "k", "s"))) {
                columns.put("s3 (passthrough)", s3.capabilities());
            }
            generated = S3CapabilityTable.markdown(columns);
        }
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(S3CapabilityTable.BEGIN);
        int end = doc.indexOf(S3CapabilityTable.END);
        assertThat(begin).as("docs/s3.md has the generated capability table").isNotNegative();
        assertThat(doc.substring(begin, end + S3CapabilityTable.END.length()))
                .as("docs/s3.md capability table; replace it with the generated one").isEqualTo(generated);
    }
}
