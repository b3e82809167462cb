package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.KeyspaceValue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The record format shared by the mutation log and snapshots: frames, and the encoders of each op.
 * {@link Replay} reads them back.
 *
 * <p>A frame is {@code [u32 payload length][u32 CRC32C of payload][payload]}, big-endian, and holds one atomic
 * batch (one unit of work). A payload is {@code [u8 format = 2][ops...]} up to its end (format 1, written by
 * earlier versions, has a varint op count after the format byte and only the ops P, D, E, C, X). Every op is a
 * one-byte kind, then (except {@code X}) the database as a varint, then (except {@code C} and {@code W}) the key;
 * byte strings are a varint length and the bytes, {@code expireAt} is a varint of Unix ms + 1 so that "no
 * expiry" is 0, scores are 8 bytes of IEEE-754 bits.
 * <ul>
 *   <li>{@code P db key expireAt value}: set a key's whole value and expiry (value as {@link ValueCodec})</li>
 *   <li>{@code D db key}: delete; {@code E db key expireAt}: change the expiry of an existing key</li>
 *   <li>{@code C db}: clear the database; {@code X}: end of snapshot (a snapshot without it is incomplete)</li>
 *   <li>{@code L db key side element}: list push, side 0 = head, 1 = tail; {@code O db key side}: list pop;
 *       {@code Y db key count elements}: replace a list's whole content</li>
 *   <li>{@code F db key field value}: hash field set; {@code f db key field}: hash field delete</li>
 *   <li>{@code A db key member}: set add; {@code a db key member}: set remove</li>
 *   <li>{@code Z db key member score}: sorted-set member set; {@code z db key member}: sorted-set remove</li>
 *   <li>{@code W db capture hasUpper [upperKey]}: snapshots only; the keys of {@code db} after the previous
 *       window's upper key up to {@code upperKey} inclusive (to the end when {@code hasUpper} is 0) were captured
 *       when the log of the snapshot's generation was {@code capture} bytes long (see {@link Replay})</li>
 * </ul>
 * The delta ops (L O Y F f A a Z z) apply to the value the key holds at that point of the log, which must exist
 * and be of that kind.
 */
final class Records {

    static final int FRAME_HEADER = 8;
    static final byte FORMAT_COUNTED = 1;
    static final byte FORMAT = 2;
    static final byte PUT = 'P';
    static final byte DELETE = 'D';
    static final byte EXPIRE = 'E';
    static final byte CLEAR = 'C';
    static final byte END = 'X';
    static final byte LIST_PUSH = 'L';
    static final byte LIST_POP = 'O';
    static final byte LIST_REPLACE = 'Y';
    static final byte HASH_SET = 'F';
    static final byte HASH_DELETE = 'f';
    static final byte SET_ADD = 'A';
    static final byte SET_REMOVE = 'a';
    static final byte ZSET_SET = 'Z';
    static final byte ZSET_REMOVE = 'z';
    static final byte WINDOW = 'W';
    /** Larger frames are treated as corruption (a length read from garbage). */
    static final int MAX_FRAME = 1 << 30;

    private Records() {
    }

    /** Starts a frame at the end of {@code out}; returns its start for {@link #endFrame}. */
    static int beginFrame(ValueCodec.Out out) {
        int start = out.size();
        out.intBits(0);
        out.intBits(0);
        out.put(FORMAT);
        return start;
    }

    /** Fills in the length and checksum of the frame begun at {@code start}. */
    static void endFrame(ValueCodec.Out out, int start) {
        int payload = out.size() - start - FRAME_HEADER;
        CRC32C crc = new CRC32C();
        crc.update(out.array(), start + FRAME_HEADER, payload);
        out.setInt(start, payload);
        out.setInt(start + 4, (int) crc.getValue());
    }

    private static void head(ValueCodec.Out out, byte kind, int db, byte[] key) {
        out.put(kind);
        out.varint(db);
        out.bytes(key);
    }

    static void put(ValueCodec.Out out, int db, byte[] key, long expireAt, KeyspaceValue value) {
        head(out, PUT, db, key);
        out.varint(expireAt + 1);
        ValueCodec.write(out, value);
    }

    static void delete(ValueCodec.Out out, int db, byte[] key) {
        head(out, DELETE, db, key);
    }

    static void expire(ValueCodec.Out out, int db, byte[] key, long expireAt) {
        head(out, EXPIRE, db, key);
        out.varint(expireAt + 1);
    }

    static void clear(ValueCodec.Out out, int db) {
        out.put(CLEAR);
        out.varint(db);
    }

    static void end(ValueCodec.Out out) {
        out.put(END);
    }

    static void window(ValueCodec.Out out, int db, long capture, byte[] upper) {
        out.put(WINDOW);
        out.varint(db);
        out.varint(capture);
        out.put((byte) (upper == null ? 0 : 1));
        if (upper != null) {
            out.bytes(upper);
        }
    }

    static void listPush(ValueCodec.Out out, int db, byte[] key, boolean head, byte[] element) {
        head(out, LIST_PUSH, db, key);
        out.put((byte) (head ? 0 : 1));
        out.bytes(element);
    }

    static void listPop(ValueCodec.Out out, int db, byte[] key, boolean head) {
        head(out, LIST_POP, db, key);
        out.put((byte) (head ? 0 : 1));
    }

    static void listReplace(ValueCodec.Out out, int db, byte[] key, List<byte[]> elements) {
        head(out, LIST_REPLACE, db, key);
        out.varint(elements.size());
        elements.forEach(out::bytes);
    }

    /** An op whose arguments are one or two byte strings: F, f, A, a, z. */
    static void member(ValueCodec.Out out, byte kind, int db, byte[] key, byte[] member, byte[] value) {
        head(out, kind, db, key);
        out.bytes(member);
        if (value != null) {
            out.bytes(value);
        }
    }

    static void sortedSetSet(ValueCodec.Out out, int db, byte[] key, byte[] member, double score) {
        head(out, ZSET_SET, db, key);
        out.bytes(member);
        out.longBits(Double.doubleToRawLongBits(score));
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

    /** Hands out fresh stamps while records are replayed. */
    interface StampSource {
        long next();
    }
}
