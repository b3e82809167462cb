package io.trustgate.s3.spi;

import java.time.Instant;

/** A bucket and when it was created. */
public record BucketInfo(String name, Instant creationDate) {
}
