package io.trustgate.s3.spi;

import java.util.List;

/**
 * Completes a multipart upload.
 *
 * @param bucket            the bucket
 * @param key               the key
 * @param uploadId          the upload
 * @param parts             as sent by the client, in the order sent
 * @param conditions        conditions on the destination key
 * @param expectedChecksums whole-object checksums the client sent on the request, to compare ({@code BadDigest});
 *                          never null
 */
public record CompleteMultipartRequest(String bucket, String key, String uploadId, List<CompletedPart> parts,
                                       WriteConditions conditions, List<Checksum> expectedChecksums) {

    public CompleteMultipartRequest {
        parts = List.copyOf(parts);
        expectedChecksums = expectedChecksums == null ? List.of() : List.copyOf(expectedChecksums);
    }
}
