package io.trustgate.redis.spi;

import java.util.Arrays;

/** A byte array as a hash key (content equality); the array is shared and never modified. Package-private. */
final class Bytes {

    final byte[] bytes;
    private final int hash;

    Bytes(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes && hash == ((Bytes) o).hash && Arrays.equals(bytes, ((Bytes) o).bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
