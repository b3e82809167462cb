package io.trustgate.redis.spi;

import java.util.Arrays;

/** A Redis string: an immutable byte sequence. The array is shared, never copied: nobody may modify it. */
public final class StringValue implements KeyspaceValue {

    private final byte[] bytes;

    public StringValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The bytes; read-only by contract. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public StringValue copy() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StringValue && Arrays.equals(bytes, ((StringValue) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StringValue[" + bytes.length + " bytes]";
    }
}
