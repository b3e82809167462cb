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
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified, ObjectProperties properties,
                         List<Checksum> checksums, int partsCount) {

    public ObjectInfo {
        properties = properties == null ? ObjectProperties.EMPTY : properties;
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
    }
}
