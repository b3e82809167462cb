/**
 * The S3 filesystem backend: {@link io.trustgate.translators.s3.filesystem.FilesystemBlobStore} implements the
 * {@code io.trustgate.s3.spi} blob SPI on a local data directory. Objects are single files (bytes, then a footer of
 * attributes) published by atomic rename; keys are percent-encoded per {@code /}-segment with a type tag, so any key
 * is safe and the tree's sorted entries give S3's listing order; an in-memory index of sorted directory entries
 * makes a listing page cost a seek, not a scan; an overwritten file no reader holds is reused by a later PUT instead
 * of freeing one inode and allocating another ({@code SpareFiles}, {@code ReaderPins}). The store, its config
 * record and {@code FsyncPolicy} are public for the gateway; all else is package-private. Nothing here knows HTTP or
 * XML. See docs/s3-filesystem.md.
 */
package io.trustgate.translators.s3.filesystem;
