package io.trustgate.s3.spi;

/** How a multipart object's checksum relates to its parts ({@code x-amz-checksum-type}). */
public enum ChecksumType {
    /** Checksum of the concatenated part checksums, written {@code <base64>-<part count>}. */
    COMPOSITE,
    /** Checksum of the whole object's bytes; always the case for single-part uploads. */
    FULL_OBJECT
}
