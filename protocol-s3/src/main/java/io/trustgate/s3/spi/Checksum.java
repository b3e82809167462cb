package io.trustgate.s3.spi;

import java.util.Locale;

/**
 * A stored checksum.
 *
 * @param algorithm upper-case S3 name: {@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1}, {@code SHA256}
 * @param value     as on the wire: base64, with {@code -<N>} appended for a COMPOSITE multipart value
 * @param type      COMPOSITE or FULL_OBJECT
 */
public record Checksum(String algorithm, String value, ChecksumType type) {

    public Checksum {
        algorithm = algorithm.toUpperCase(Locale.ROOT);
    }

    /** The response header carrying it, e.g. {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return "x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT);
    }
}
