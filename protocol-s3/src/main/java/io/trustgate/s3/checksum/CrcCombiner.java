package io.trustgate.s3.checksum;

/**
 * Combines two CRCs of adjacent byte ranges into the CRC of their concatenation without the bytes:
 * {@code crc(A || B) = crc(A) * x^(8 * |B|) mod P  xor  crc(B)}. This holds for reflected CRCs whose initial value
 * and final XOR are both all ones (CRC32, CRC32C, CRC64NVME), because the two all-ones terms cancel. Polynomials are
 * held reflected: bit {@code width - 1} is the coefficient of x^0. Immutable and thread-safe.
 */
final class CrcCombiner {

    static final CrcCombiner CRC32 = new CrcCombiner(32, 0xEDB88320L);
    static final CrcCombiner CRC32C = new CrcCombiner(32, 0x82F63B78L);
    static final CrcCombiner CRC64NVME = new CrcCombiner(64, Crc64Nvme.REFLECTED_POLY);

    private final long poly;
    private final long top;
    private final long mask;
    /** {@code powers[k]} is x^(2^k) mod P. */
    private final long[] powers = new long[3 + 64];

    private CrcCombiner(int width, long reflectedPoly) {
        this.poly = reflectedPoly;
        this.top = 1L << (width - 1);
        this.mask = width == 64 ? -1L : (1L << width) - 1;
        powers[0] = top >>> 1; // x^1
        for (int k = 1; k < powers.length; k++) {
            powers[k] = multiplyModP(powers[k - 1], powers[k - 1]);
        }
    }

    static CrcCombiner of(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> CRC32;
            case CRC32C -> CRC32C;
            case CRC64NVME -> CRC64NVME;
            default -> throw new IllegalArgumentException(algorithm + " is not a CRC; only CRCs combine");
        };
    }

    /** The CRC of A||B from {@code crcA}, {@code crcB} and the length of B in bytes. */
    long combine(long crcA, long crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length " + lengthB);
        }
        return (multiplyModP(xToThe8nModP(lengthB), crcA & mask) ^ crcB) & mask;
    }

    private long multiplyModP(long a, long b) {
        long product = 0;
        for (long m = top; m != 0; m >>>= 1) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
        }
        return product & mask;
    }

    /** x^(8n) mod P: square-and-multiply over the bits of n, starting at x^8 (k = 3). */
    private long xToThe8nModP(long n) {
        long p = top; // x^0
        int k = 3;
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiplyModP(powers[k], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }
}
