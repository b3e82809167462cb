package io.trustgate.s3.spi;

import java.util.List;

/**
 * What the server computed over a body while streaming it, already checked against Content-Length, Content-MD5
 * and the client's {@code x-amz-checksum-*} values.
 *
 * @param size      bytes written
 * @param md5Hex    lower-case hex MD5 of the body: the ETag of a single upload or a part; null when the writer
 *                  did not ask for it ({@link BlobWriter#needsMd5()}) and the client sent no Content-MD5
 * @param checksums the checksums to store (the one the client sent, if any); never null
 */
public record BodyDigest(long size, String md5Hex, List<Checksum> checksums) {

    public BodyDigest {
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
    }
}
