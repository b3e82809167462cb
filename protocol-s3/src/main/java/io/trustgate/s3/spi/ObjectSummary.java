package io.trustgate.s3.spi;

import java.time.Instant;

/** An object as listed: key, size, bare ETag and last-modified time. */
public record ObjectSummary(String key, long size, String etag, Instant lastModified) {
}
