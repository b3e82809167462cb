package io.trustgate.redis.spi;

import java.util.List;

/**
 * One step of an iteration over a collection's elements ({@link Keyspace#hashScan}, {@link Keyspace#setScan},
 * {@link Keyspace#sortedSetScan}).
 *
 * @param cursor   the cursor to pass next, 0 when the iteration is complete
 * @param elements the elements of this step, not to be modified
 */
public record ElementPage<T>(long cursor, List<T> elements) {
}
