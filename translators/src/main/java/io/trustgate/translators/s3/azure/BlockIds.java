package io.trustgate.translators.s3.azure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Block ids of staged blocks. Azure requires every block id of one blob to have the same length, so all ids here
 * are {@code tg1-<32 hex upload id>-<5-digit part>-<5-digit sub-block>} (48 characters) before base64: a whole
 * PutObject uses its own random upload id and part 0; a multipart part N uses the upload's id and N.
 */
final class BlockIds {

    static final int MAX_SUB_BLOCKS = 99_999;

    private BlockIds() {
    }

    /** A fresh 32-hex-character upload id. */
    static String newUploadId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static boolean isUploadId(String id) {
        return id != null && id.matches("[0-9a-f]{32}");
    }

    static String blockId(String uploadId, int part, int subBlock) {
        String raw = String.format("tg1-%s-%05d-%05d", uploadId, part, subBlock);
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }
}
