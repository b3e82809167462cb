package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.Checksum;

import java.nio.charset.StandardCharsets;

/**
 * Frames a decoded upload body as {@code aws-chunked} with an unsigned trailer, the body of a
 * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} request:
 * <pre>
 * hex-size CRLF data CRLF ... 0 CRLF x-amz-checksum-ALG:value CRLF CRLF
 * </pre>
 * Chunks are {@link #CHUNK_SIZE} bytes (the last one shorter) at fixed offsets of the body, not where its pieces
 * happen to arrive, so the encoded length follows from the decoded length alone and goes ahead of the body as
 * {@code Content-Length} (S3 takes no request without one). The trailer's value is known only after the body's last
 * byte; its length is the algorithm's fixed base64 length, so it is counted in advance too.
 *
 * <p>Data bytes are not copied: a framed piece is the piece itself when it crosses no chunk boundary, else a
 * composite of its slices and the small framing buffers between them. Event loop only (one body, in order).
 */
final class AwsChunkedFraming {

    /** The chunk size the AWS SDKs use for these uploads (so every S3 server that takes SDK uploads takes these). */
    static final int CHUNK_SIZE = 128 * 1024;

    private static final ByteBuf CRLF = constant("\r\n");
    /** A full chunk's size line. */
    private static final ByteBuf FULL_SIZE_LINE = constant(Integer.toHexString(CHUNK_SIZE) + "\r\n");
    /** The end of a full chunk's data followed by the next full chunk's size line. */
    private static final ByteBuf FULL_BOUNDARY = constant("\r\n" + Integer.toHexString(CHUNK_SIZE) + "\r\n");

    private final long length;
    private final ChecksumAlgorithm algorithm;
    private final int valueLength;
    /** Decoded bytes framed so far. */
    private long position;
    /** Whether the first size line went out (every later one goes with the end of the chunk before it). */
    private boolean started;

    /**
     * @param length    the decoded body's length (0: the body is only the 0-size chunk and the trailer)
     * @param algorithm the checksum that goes in the trailer
     */
    AwsChunkedFraming(long length, ChecksumAlgorithm algorithm) {
        if (length < 0) {
            throw new IllegalArgumentException("an aws-chunked upload needs a known length, got " + length);
        }
        this.length = length;
        this.algorithm = algorithm;
        this.valueLength = base64Length(algorithm.length());
    }

    /** {@code x-amz-trailer}: the trailer's name, e.g. {@code x-amz-checksum-crc32}. */
    String trailerName() {
        return algorithm.headerName();
    }

    /** The trailer's value: the checksum of {@link #trailerName()}'s algorithm in {@code digest}, or null. */
    String valueIn(BodyDigest digest) {
        for (Checksum c : digest.checksums()) {
            if (c.algorithm().equals(algorithm.name())) {
                return c.value();
            }
        }
        return null;
    }

    /** The body's length on the wire (the request's {@code Content-Length}). */
    long encodedLength() {
        long full = length / CHUNK_SIZE;
        long rest = length % CHUNK_SIZE;
        long total = full * (Integer.toHexString(CHUNK_SIZE).length() + 2L + CHUNK_SIZE + 2);
        if (rest > 0) {
            total += Long.toHexString(rest).length() + 2L + rest + 2;
        }
        // "0" CRLF, the trailer line, the closing CRLF.
        return total + 3 + trailerName().length() + 1 + valueLength + 2 + 2;
    }

    /**
     * The wire bytes of the next decoded {@code piece} (consumed: the result owns it). Throws when the pieces
     * would exceed the declared length (the piece is released then).
     */
    ByteBuf frame(ByteBuf piece, ByteBufAllocator alloc) {
        int n = piece.readableBytes();
        if (n == 0) {
            return piece;
        }
        if (position + n > length) {
            piece.release();
            throw new IllegalStateException("the body is longer than its declared " + length + " bytes");
        }
        if (started && position % CHUNK_SIZE + n < CHUNK_SIZE && position + n < length) {
            position += n;
            return piece; // inside one chunk whose size line went before: the piece as it is
        }
        CompositeByteBuf out = alloc.compositeDirectBuffer(Integer.MAX_VALUE);
        try {
            if (!started) {
                started = true;
                out.addComponent(true, sizeLine(alloc));
            }
            while (piece.isReadable()) {
                long inChunk = position % CHUNK_SIZE;
                int take = (int) Math.min(piece.readableBytes(), Math.min(CHUNK_SIZE - inChunk, length - position));
                out.addComponent(true, piece.readRetainedSlice(take));
                position += take;
                if (position == length) {
                    out.addComponent(true, CRLF.duplicate());
                } else if (position % CHUNK_SIZE == 0) {
                    // This chunk ends here, and the next one's size line follows at once.
                    if (length - position >= CHUNK_SIZE) {
                        out.addComponent(true, FULL_BOUNDARY.duplicate());
                    } else {
                        out.addComponent(true, CRLF.duplicate());
                        out.addComponent(true, sizeLine(alloc));
                    }
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            piece.release();
        }
    }

    /**
     * The rest of the body after its last data byte: the final 0-size chunk and the trailer line with {@code value}
     * (the client's checksum as the server verified it).
     *
     * @throws IllegalStateException when the body is not complete or the value is not of the algorithm's length
     */
    ByteBuf end(String value, ByteBufAllocator alloc) {
        if (position != length) {
            throw new IllegalStateException("the body ended after " + position + " of " + length + " bytes");
        }
        if (value == null || value.length() != valueLength) {
            throw new IllegalStateException("no " + algorithm + " value of " + valueLength + " base64 characters to "
                    + "send in the trailer");
        }
        String tail = "0\r\n" + trailerName() + ":" + value + "\r\n\r\n";
        ByteBuf out = alloc.directBuffer(tail.length());
        out.writeCharSequence(tail, StandardCharsets.US_ASCII);
        return out;
    }

    /** The size line of the chunk that starts at {@link #position}. */
    private ByteBuf sizeLine(ByteBufAllocator alloc) {
        long size = Math.min(CHUNK_SIZE, length - position);
        if (size == CHUNK_SIZE) {
            return FULL_SIZE_LINE.duplicate();
        }
        String line = Long.toHexString(size) + "\r\n";
        ByteBuf b = alloc.directBuffer(line.length());
        b.writeCharSequence(line, StandardCharsets.US_ASCII);
        return b;
    }

    private static int base64Length(int rawBytes) {
        return (rawBytes + 2) / 3 * 4;
    }

    private static ByteBuf constant(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(b.length).writeBytes(b)).asReadOnly();
    }
}
