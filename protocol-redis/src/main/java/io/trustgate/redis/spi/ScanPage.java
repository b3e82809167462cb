package io.trustgate.redis.spi;

import java.util.List;

/**
 * One step of a {@link Keyspace#scan} iteration.
 *
 * @param cursor the cursor to pass next, 0 when the iteration is complete
 * @param keys   live keys, not to be modified
 */
public record ScanPage(long cursor, List<byte[]> keys) {
}
