package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.trustgate.redis.codec.RespRequest;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster hash slot of a key: CRC16 (XMODEM: polynomial 0x1021, initial value 0) of the key, or of
 * its hash tag, modulo 16384. The hash tag is what lies between the first {@code {} and the first {@code }}
 * after it, when that is not empty; so {@code {user1000}.following} and {@code {user1000}.followers} share a
 * slot. Reads the key where it lies (no copy). Stateless and thread-safe.
 */
final class SlotHash {

    static final int SLOTS = 16384;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xffff;
        }
    }

    private SlotHash() {
    }

    /** The slot of the key in {@code buf[index, index + length)}. */
    static int slot(ByteBuf buf, int index, int length) {
        int end = index + length;
        int open = buf.indexOf(index, end, (byte) '{');
        if (open >= 0) {
            int close = buf.indexOf(open + 1, end, (byte) '}');
            if (close > open + 1) {
                return crc16(buf, open + 1, close) & (SLOTS - 1);
            }
        }
        return crc16(buf, index, end) & (SLOTS - 1);
    }

    /** The slot of argument {@code arg} of {@code request}. */
    static int slot(RespRequest request, int arg) {
        ByteBuf key = request.arg(arg);
        return slot(key, key.readerIndex(), key.readableBytes());
    }

    static int slot(byte[] key) {
        return slot(Unpooled.wrappedBuffer(key), 0, key.length);
    }

    static int slot(String key) {
        return slot(key.getBytes(StandardCharsets.UTF_8));
    }

    /** CRC16/XMODEM of {@code buf[from, to)}. */
    static int crc16(ByteBuf buf, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ buf.getByte(i)) & 0xff]) & 0xffff;
        }
        return crc;
    }
}
