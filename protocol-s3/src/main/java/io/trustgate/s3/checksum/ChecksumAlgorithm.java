package io.trustgate.s3.checksum;

import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The checksum algorithms S3 accepts in {@code x-amz-checksum-*} headers and trailers, named as in
 * {@code x-amz-checksum-algorithm} / {@code x-amz-sdk-checksum-algorithm}.
 */
public enum ChecksumAlgorithm {
    CRC32(4),
    CRC32C(4),
    CRC64NVME(8),
    SHA1(20),
    SHA256(32);

    private final int length;
    private final String headerName;

    ChecksumAlgorithm(int length) {
        this.length = length;
        this.headerName = "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case header (and trailer) name, e.g. {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return headerName;
    }

    /** Length of the raw (not base64) checksum in bytes. */
    public int length() {
        return length;
    }

    /** True for CRC32, CRC32C and CRC64NVME: the algorithms whose part values can be combined (FULL_OBJECT). */
    public boolean isCrc() {
        return this == CRC32 || this == CRC32C || this == CRC64NVME;
    }

    /** A fresh digest for one body. */
    public StreamingChecksum newDigest() {
        return switch (this) {
            case CRC32 -> new CrcDigest(new CRC32(), 4);
            case CRC32C -> new CrcDigest(new CRC32C(), 4);
            case CRC64NVME -> new CrcDigest(new Crc64Nvme(), 8);
            case SHA1 -> MessageDigestChecksum.of("SHA-1");
            case SHA256 -> MessageDigestChecksum.of("SHA-256");
        };
    }

    /** Maps a header or trailer name, any case, e.g. {@code X-Amz-Checksum-CRC32}. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String headerName) {
        if (headerName == null) {
            return Optional.empty();
        }
        String lower = headerName.toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName.equals(lower)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** Maps an algorithm name as S3 spells it ({@code CRC32}, {@code crc64nvme}, ...), any case. */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equals(upper)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
