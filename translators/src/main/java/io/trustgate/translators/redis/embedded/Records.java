package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceValue;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The record format shared by the mutation log and snapshots, and the replay of records onto databases.
 *
 * <p>A frame is {@code [u32 payload length][u32 CRC32C of payload][payload]}, big-endian. A payload is
 * {@code [u8 format = 1][varint op count][ops...]}; one frame is one atomic batch (one unit of work), so replay
 * applies a frame whole or not at all. Ops (db is a varint, keys are varint-length bytes, {@code expireAt} is a
 * varint of Unix ms + 1 so that "no expiry" is 0):
 * <ul>
 *   <li>{@code 'P' db key expireAt value}: put (value as {@link ValueCodec})</li>
 *   <li>{@code 'D' db key}: delete</li>
 *   <li>{@code 'E' db key expireAt}: change the expiry of an existing key</li>
 *   <li>{@code 'C' db}: clear the database</li>
 *   <li>{@code 'X'}: end of snapshot (a snapshot without it is incomplete)</li>
 * </ul>
 */
final class Records {

    static final int FRAME_HEADER = 8;
    static final byte FORMAT = 1;
    static final byte PUT = 'P';
    static final byte DELETE = 'D';
    static final byte EXPIRE = 'E';
    static final byte CLEAR = 'C';
    static final byte END = 'X';
    /** Larger frames are treated as corruption (a length read from garbage). */
    static final int MAX_FRAME = 1 << 30;

    /** One engine-level mutation of a unit of work; {@code value} is encoded when the unit ends. */
    record Op(byte kind, int db, byte[] key, long expireAt, KeyspaceValue value) {
    }

    private Records() {
    }

    /** Appends one frame holding {@code ops} to {@code out}. */
    static void frame(ValueCodec.Out out, List<Op> ops) {
        int start = out.size();
        out.intBits(0);
        out.intBits(0);
        out.put(FORMAT);
        out.varint(ops.size());
        for (Op op : ops) {
            out.put(op.kind());
            if (op.kind() == END) {
                continue;
            }
            out.varint(op.db());
            if (op.kind() == CLEAR) {
                continue;
            }
            out.bytes(op.key());
            if (op.kind() == PUT || op.kind() == EXPIRE) {
                out.varint(op.expireAt() + 1);
            }
            if (op.kind() == PUT) {
                ValueCodec.write(out, op.value());
            }
        }
        int payload = out.size() - start - FRAME_HEADER;
        CRC32C crc = new CRC32C();
        crc.update(out.array(), start + FRAME_HEADER, payload);
        out.setInt(start, payload);
        out.setInt(start + 4, (int) crc.getValue());
    }

    /**
     * Reads the frame at the buffer's position and returns its payload, positioned after it; or null when the
     * bytes left are not a whole, intact frame (a torn tail, or corruption), leaving the position unchanged.
     */
    static ByteBuffer nextPayload(ByteBuffer in) {
        if (in.remaining() < FRAME_HEADER) {
            return null;
        }
        int at = in.position();
        int length = in.getInt(at);
        int expected = in.getInt(at + 4);
        if (length < 0 || length > MAX_FRAME || length > in.remaining() - FRAME_HEADER) {
            return null;
        }
        ByteBuffer payload = in.slice(at + FRAME_HEADER, length);
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        if ((int) crc.getValue() != expected) {
            return null;
        }
        in.position(at + FRAME_HEADER + length);
        return payload;
    }

    /**
     * Decodes every op of a payload first, then applies them all (a frame applies whole or not at all).
     * Returns whether the payload held the end-of-snapshot marker.
     */
    static boolean apply(ByteBuffer payload, Database[] dbs, StampSource stamps) throws CorruptDataException {
        List<Op> ops = decode(payload, dbs.length);
        boolean end = false;
        for (Op op : ops) {
            switch (op.kind()) {
                case PUT -> dbs[op.db()].put(new Key(op.key()), op.value(), op.expireAt(), stamps.next());
                case DELETE -> dbs[op.db()].remove(new Key(op.key()));
                case EXPIRE -> {
                    Key k = new Key(op.key());
                    Entry e = dbs[op.db()].peek(k);
                    if (e != null) {
                        dbs[op.db()].put(k, e.value(), op.expireAt(), stamps.next());
                    }
                }
                case CLEAR -> dbs[op.db()].clear();
                default -> end = true;
            }
        }
        return end;
    }

    static List<Op> decode(ByteBuffer payload, int databases) throws CorruptDataException {
        try {
            byte format = payload.get();
            if (format != FORMAT) {
                throw new CorruptDataException("unknown record format " + format);
            }
            int n = ValueCodec.count(payload);
            List<Op> ops = new java.util.ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                byte kind = payload.get();
                if (kind == END) {
                    ops.add(new Op(END, 0, null, 0, null));
                    continue;
                }
                int db = ValueCodec.count(payload);
                if (db >= databases) {
                    throw new CorruptDataException("database " + db + " out of range");
                }
                switch (kind) {
                    case CLEAR -> ops.add(new Op(CLEAR, db, null, 0, null));
                    case DELETE -> ops.add(new Op(DELETE, db, ValueCodec.bytes(payload), 0, null));
                    case EXPIRE -> ops.add(new Op(EXPIRE, db, ValueCodec.bytes(payload),
                            ValueCodec.varint(payload) - 1, null));
                    case PUT -> {
                        byte[] key = ValueCodec.bytes(payload);
                        long expireAt = ValueCodec.varint(payload) - 1;
                        ops.add(new Op(PUT, db, key, expireAt, ValueCodec.read(payload)));
                    }
                    default -> throw new CorruptDataException("unknown op " + (kind & 0xff));
                }
            }
            if (payload.hasRemaining()) {
                throw new CorruptDataException(payload.remaining() + " bytes after the last op");
            }
            return ops;
        } catch (BufferUnderflowException e) {
            throw new CorruptDataException("record truncated");
        }
    }

    /** Hands out fresh stamps while records are replayed. */
    interface StampSource {
        long next();
    }
}
