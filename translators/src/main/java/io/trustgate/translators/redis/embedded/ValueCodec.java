package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.StringValue;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The binary form of the five value kinds, shared by the mutation log and snapshots. Compact: lengths and
 * counts are unsigned LEB128 varints, scores are IEEE-754 bits. Layout: one tag byte per kind ({@code S L H T Z}),
 * then the count (not for strings), then each element as a varint length and its bytes; hash fields precede their
 * values, sorted-set members precede their 8-byte scores. Versioning lives in the enclosing record's format byte.
 * Decoding throws {@link CorruptDataException} on anything malformed, never a runtime surprise.
 */
final class ValueCodec {

    static final byte STRING = 'S';
    static final byte LIST = 'L';
    static final byte HASH = 'H';
    static final byte SET = 'T';
    static final byte ZSET = 'Z';

    private ValueCodec() {
    }

    static void write(Out out, KeyspaceValue value) {
        if (value instanceof StringValue s) {
            out.put(STRING);
            out.bytes(s.bytes());
        } else if (value instanceof ListValue l) {
            out.put(LIST);
            List<byte[]> elements = l.toList();
            out.varint(elements.size());
            elements.forEach(out::bytes);
        } else if (value instanceof HashValue h) {
            out.put(HASH);
            out.varint(h.size());
            for (int i = 0; i < h.size(); i++) {
                out.bytes(h.field(i));
                out.bytes(h.value(i));
            }
        } else if (value instanceof SetValue s) {
            out.put(SET);
            List<byte[]> members = s.members();
            out.varint(members.size());
            members.forEach(out::bytes);
        } else if (value instanceof SortedSetValue z) {
            out.put(ZSET);
            out.varint(z.size());
            for (SortedSetValue.Member m : z.members()) {
                out.bytes(m.member());
                out.longBits(Double.doubleToRawLongBits(m.score()));
            }
        } else {
            throw new IllegalArgumentException("no codec for " + value);
        }
    }

    static KeyspaceValue read(ByteBuffer in) throws CorruptDataException {
        try {
            byte tag = in.get();
            switch (tag) {
                case STRING:
                    return new StringValue(bytes(in));
                case LIST: {
                    int n = count(in);
                    ListValue l = new ListValue();
                    for (int i = 0; i < n; i++) {
                        l.addLast(bytes(in));
                    }
                    return l;
                }
                case HASH: {
                    int n = count(in);
                    HashValue h = new HashValue();
                    for (int i = 0; i < n; i++) {
                        h.put(bytes(in), bytes(in));
                    }
                    return h;
                }
                case SET: {
                    int n = count(in);
                    SetValue s = new SetValue();
                    for (int i = 0; i < n; i++) {
                        s.add(bytes(in));
                    }
                    return s;
                }
                case ZSET: {
                    int n = count(in);
                    SortedSetValue z = new SortedSetValue();
                    for (int i = 0; i < n; i++) {
                        byte[] member = bytes(in);
                        z.put(member, Double.longBitsToDouble(in.getLong()));
                    }
                    return z;
                }
                default:
                    throw new CorruptDataException("unknown value tag " + (tag & 0xff));
            }
        } catch (BufferUnderflowException e) {
            throw new CorruptDataException("value truncated");
        }
    }

    /** A varint length and that many bytes. */
    static byte[] bytes(ByteBuffer in) throws CorruptDataException {
        int n = count(in);
        if (n > in.remaining()) {
            throw new CorruptDataException("length " + n + " exceeds the " + in.remaining() + " bytes left");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** A varint that must fit a non-negative int. */
    static int count(ByteBuffer in) throws CorruptDataException {
        long v = varint(in);
        if (v > Integer.MAX_VALUE) {
            throw new CorruptDataException("count " + v + " out of range");
        }
        return (int) v;
    }

    static long varint(ByteBuffer in) throws CorruptDataException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new CorruptDataException("varint too long");
    }

    /** A growable byte buffer; not thread-safe. */
    static final class Out {

        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void put(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                buf[size++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void longBits(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buf[size++] = (byte) (v >>> (i * 8));
            }
        }

        void intBits(int v) {
            ensure(4);
            for (int i = 3; i >= 0; i--) {
                buf[size++] = (byte) (v >>> (i * 8));
            }
        }

        void bytes(byte[] b) {
            varint(b.length);
            raw(b, 0, b.length);
        }

        void raw(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        int size() {
            return size;
        }

        /** Overwrites 4 bytes at {@code at} (for a length or checksum reserved earlier). */
        void setInt(int at, int v) {
            for (int i = 0; i < 4; i++) {
                buf[at + i] = (byte) (v >>> ((3 - i) * 8));
            }
        }

        byte[] array() {
            return buf;
        }

        void reset() {
            size = 0;
        }
    }
}
