package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.trustgate.s3.auth.Authentication;
import io.trustgate.s3.auth.AwsChunkedDecoder;
import io.trustgate.s3.auth.PayloadMode;
import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aws-chunked framing of uploads whose checksum goes upstream in a trailer: what it writes is what the server's
 * own {@link AwsChunkedDecoder} reads back (bytes, trailer), its length is the one announced before the body, and
 * chunks sit at fixed offsets whatever the pieces.
 */
class AwsChunkedFramingTest {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final int CHUNK = AwsChunkedFraming.CHUNK_SIZE;
    private static final Authentication UNSIGNED_TRAILER = new Authentication(null,
            PayloadMode.STREAMING_UNSIGNED_TRAILER, null, false, null, null);

    @Test
    void framesEveryLengthAroundChunkBoundariesAsTheDecoderReadsIt() {
        long[] lengths = {1, 2, 15, 16, 17, CHUNK - 1, CHUNK, CHUNK + 1, 2L * CHUNK, 2L * CHUNK + 7, 5L * CHUNK - 3};
        int[] pieceSizes = {1, 1000, 64 * 1024, CHUNK, CHUNK + 1, 300_000};
        for (long length : lengths) {
            for (int piece : pieceSizes) {
                if (length > 200_000 && piece == 1) {
                    continue; // byte by byte only for the small bodies: enough to cross every boundary
                }
                byte[] data = random((int) length, length * 31 + piece);
                roundTrip(data, piece, ChecksumAlgorithm.CRC32);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void carriesEachAlgorithmsTrailerAndCountsItsLength(ChecksumAlgorithm algorithm) {
        roundTrip(random(CHUNK + 12_345, 5), 50_000, algorithm);
    }

    @Test
    void chunksAreOfTheSdksSizeAtFixedOffsetsWhateverThePieces() {
        byte[] data = random(2 * CHUNK + 10, 9);
        String wire = new String(frameAll(data, 1000, ChecksumAlgorithm.CRC32, value(ChecksumAlgorithm.CRC32, data)),
                StandardCharsets.ISO_8859_1);
        // Size lines: two full chunks of 0x20000, one of 10 bytes, then the 0-size chunk, the trailer and the end.
        assertThat(wire).startsWith("20000\r\n");
        assertThat(wire.indexOf("\r\n20000\r\n", 7)).isEqualTo(7 + CHUNK);
        assertThat(wire).contains(new String(data, CHUNK * 2, 10, StandardCharsets.ISO_8859_1) + "\r\n0\r\n");
        assertThat(wire).endsWith("\r\n0\r\nx-amz-checksum-crc32:" + value(ChecksumAlgorithm.CRC32, data) + "\r\n\r\n");
    }

    @Test
    void anEmptyBodyIsTheZeroSizeChunkAndTheTrailerAlone() {
        assertThat(new String(frameAll(new byte[0], 1, ChecksumAlgorithm.CRC32, "AAAAAA=="),
                StandardCharsets.ISO_8859_1)).isEqualTo("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
        roundTrip(new byte[0], 1, ChecksumAlgorithm.CRC32);
        assertThatThrownBy(() -> new AwsChunkedFraming(-1, ChecksumAlgorithm.CRC32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPieceInsideOneChunkGoesOnAsItIsWithoutACopy() {
        AwsChunkedFraming f = new AwsChunkedFraming(3L * CHUNK, ChecksumAlgorithm.CRC32);
        ByteBuf first = f.frame(Unpooled.wrappedBuffer(new byte[100]), ALLOC);
        assertThat(first).isInstanceOf(CompositeByteBuf.class); // the first size line goes before it
        first.release();
        ByteBuf second = Unpooled.wrappedBuffer(new byte[100]);
        assertThat(f.frame(second, ALLOC)).isSameAs(second);
        second.release();
    }

    @Test
    void refusesMoreBytesThanDeclaredAndAnEndBeforeTheLastByte() {
        AwsChunkedFraming f = new AwsChunkedFraming(10, ChecksumAlgorithm.CRC32);
        ByteBuf tooLong = Unpooled.wrappedBuffer(new byte[11]);
        assertThatThrownBy(() -> f.frame(tooLong, ALLOC)).isInstanceOf(IllegalStateException.class);
        assertThat(tooLong.refCnt()).isZero();
        f.frame(Unpooled.wrappedBuffer(new byte[9]), ALLOC).release();
        assertThatThrownBy(() -> f.end("AAAAAA==", ALLOC)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("9 of 10");
    }

    @Test
    void refusesATrailerValueOfTheWrongLength() {
        AwsChunkedFraming f = new AwsChunkedFraming(1, ChecksumAlgorithm.SHA256);
        f.frame(Unpooled.wrappedBuffer(new byte[1]), ALLOC).release();
        assertThatThrownBy(() -> f.end("AAAAAA==", ALLOC)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.end(null, ALLOC)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void findsTheTrailerValueInTheDigest() {
        AwsChunkedFraming f = new AwsChunkedFraming(1, ChecksumAlgorithm.CRC32C);
        assertThat(f.valueIn(new BodyDigest(1, null, List.of(new Checksum("CRC32C", "abcdefg=",
                ChecksumType.FULL_OBJECT))))).isEqualTo("abcdefg=");
        assertThat(f.valueIn(new BodyDigest(1, null, List.of(new Checksum("CRC32", "abcdefg=",
                ChecksumType.FULL_OBJECT))))).isNull();
        assertThat(f.trailerName()).isEqualTo("x-amz-checksum-crc32c");
    }

    // ---- helpers ----

    private static void roundTrip(byte[] data, int pieceSize, ChecksumAlgorithm algorithm) {
        String value = value(algorithm, data);
        AwsChunkedFraming framing = new AwsChunkedFraming(data.length, algorithm);
        byte[] wire = frameAll(data, pieceSize, algorithm, value);
        String what = data.length + " bytes in pieces of " + pieceSize + ", " + algorithm;
        assertThat((long) wire.length).as(what).isEqualTo(framing.encodedLength());

        AwsChunkedDecoder decoder = new AwsChunkedDecoder(UNSIGNED_TRAILER, data.length, framing.trailerName());
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            decoder.decode(in, piece -> {
                try {
                    decoded.writeBytes(ByteBufUtil.getBytes(piece));
                } finally {
                    piece.release();
                }
            });
            decoder.finish();
        } catch (Exception e) {
            throw new AssertionError(what, e);
        } finally {
            in.release();
        }
        assertThat(decoded.toByteArray()).as(what).isEqualTo(data);
        assertThat(decoder.trailers()).as(what).containsExactly(java.util.Map.entry(framing.trailerName(), value));
    }

    /** Frames {@code data} handed over in pieces of {@code pieceSize}, then ends it with {@code value}. */
    private static byte[] frameAll(byte[] data, int pieceSize, ChecksumAlgorithm algorithm, String value) {
        AwsChunkedFraming framing = new AwsChunkedFraming(data.length, algorithm);
        List<ByteBuf> out = new ArrayList<>();
        for (int off = 0; off < data.length; off += pieceSize) {
            out.add(framing.frame(Unpooled.wrappedBuffer(data, off, Math.min(pieceSize, data.length - off)), ALLOC));
        }
        out.add(framing.end(value, ALLOC));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (ByteBuf b : out) {
            wire.writeBytes(ByteBufUtil.getBytes(b));
            assertThat(b.release()).isTrue();
        }
        return wire.toByteArray();
    }

    private static String value(ChecksumAlgorithm algorithm, byte[] data) {
        var digest = algorithm.newDigest();
        ByteBuf b = Unpooled.wrappedBuffer(data);
        digest.update(b);
        b.release();
        return digest.finishBase64();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
