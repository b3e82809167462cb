package io.trustgate.s3.checksum;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the {@code CRC64NVME} S3 checksum): reflected polynomial 0xAD93D23594C93659, initial value and final
 * XOR all ones; the check value over the ASCII digits "123456789" is 0xAE8B14860A799888. Hand-written because no
 * small library provides it (the AWS SDK delegates to its native CRT); table-driven, eight bytes per step.
 * Not thread-safe.
 */
public final class Crc64Nvme implements Checksum {

    /** The polynomial bit-reversed, as a reflected (LSB-first) CRC uses it. */
    static final long REFLECTED_POLY = 0x9A6C9329AC4BC9B5L;

    private static final long[][] TABLES = buildTables();

    private long crc = ~0L;

    private static long[][] buildTables() {
        long[][] tables = new long[8][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ REFLECTED_POLY : c >>> 1;
            }
            tables[0][n] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                long previous = tables[k - 1][n];
                tables[k][n] = (previous >>> 8) ^ tables[0][(int) (previous & 0xff)];
            }
        }
        return tables;
    }

    @Override
    public void update(int b) {
        crc = (crc >>> 8) ^ TABLES[0][(int) ((crc ^ b) & 0xff)];
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        long c = crc;
        int i = offset;
        int end = offset + length;
        long[] t0 = TABLES[0];
        long[] t1 = TABLES[1];
        long[] t2 = TABLES[2];
        long[] t3 = TABLES[3];
        long[] t4 = TABLES[4];
        long[] t5 = TABLES[5];
        long[] t6 = TABLES[6];
        long[] t7 = TABLES[7];
        while (end - i >= 8) {
            c ^= (bytes[i] & 0xffL)
                    | (bytes[i + 1] & 0xffL) << 8
                    | (bytes[i + 2] & 0xffL) << 16
                    | (bytes[i + 3] & 0xffL) << 24
                    | (bytes[i + 4] & 0xffL) << 32
                    | (bytes[i + 5] & 0xffL) << 40
                    | (bytes[i + 6] & 0xffL) << 48
                    | (bytes[i + 7] & 0xffL) << 56;
            c = t7[(int) (c & 0xff)]
                    ^ t6[(int) ((c >>> 8) & 0xff)]
                    ^ t5[(int) ((c >>> 16) & 0xff)]
                    ^ t4[(int) ((c >>> 24) & 0xff)]
                    ^ t3[(int) ((c >>> 32) & 0xff)]
                    ^ t2[(int) ((c >>> 40) & 0xff)]
                    ^ t1[(int) ((c >>> 48) & 0xff)]
                    ^ t0[(int) (c >>> 56)];
            i += 8;
        }
        while (i < end) {
            c = (c >>> 8) ^ t0[(int) ((c ^ bytes[i]) & 0xff)];
            i++;
        }
        crc = c;
    }

    /** The CRC of the bytes so far (final XOR applied). */
    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = ~0L;
    }
}
