package io.trustgate.redis.spi;

/**
 * A live key's value, its expiry and its modification stamp.
 *
 * @param value    the value; never null
 * @param expireAt Unix milliseconds after which the key no longer exists, or {@link #NO_EXPIRY}
 * @param stamp    changes on every write to this key (value or expiry) and never takes the same value twice for
 *                 one key, even across delete and re-create; never 0. WATCH compares stamps.
 */
public record Entry(KeyspaceValue value, long expireAt, long stamp) {

    /** The {@code expireAt} of a key that never expires. */
    public static final long NO_EXPIRY = -1L;

    /** The stamp WATCH records for a key that does not exist. */
    public static final long ABSENT_STAMP = 0L;

    public boolean hasExpiry() {
        return expireAt != NO_EXPIRY;
    }
}
