package io.trustgate.s3.spi;

import java.time.Instant;
import java.util.List;

/**
 * An object's stored attributes.
 *
 * @param key          the object key
 * @param size         length in bytes
 * @param etag         bare ETag (see the package documentation)
 * @param lastModified when the current version was committed; S3 reports it to the second
 * @param properties   content headers and user metadata
 * @param checksums    stored checksums, usually zero or one; never null
 * @param partsCount   number of parts for a multipart object, 0 for a single upload
 * @param encryption   how the backend reports the object encrypted at rest; never null ({@link ServerSideEncryption#NONE})
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified, ObjectProperties properties,
                         List<Checksum> checksums, int partsCount, ServerSideEncryption encryption) {

    public ObjectInfo {
        properties = properties == null ? ObjectProperties.EMPTY : properties;
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
        encryption = encryption == null ? ServerSideEncryption.NONE : encryption;
    }

    /** An object without reported encryption (every store but one that relays another S3's answer). */
    public ObjectInfo(String key, long size, String etag, Instant lastModified, ObjectProperties properties,
                      List<Checksum> checksums, int partsCount) {
        this(key, size, etag, lastModified, properties, checksums, partsCount, ServerSideEncryption.NONE);
    }
}
