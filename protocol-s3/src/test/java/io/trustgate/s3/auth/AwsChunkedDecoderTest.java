package io.trustgate.s3.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.StreamingChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** aws-chunked bodies produced by the AWS SDK v2 signer, decoded in every split, then tampered with. */
class AwsChunkedDecoderTest {

    /** Large enough for the SDK to cut three data chunks (it uses 128 KiB chunks). */
    private static final byte[] PAYLOAD = randomBytes(300 * 1024 + 17);

    enum Split { WHOLE, BYTE_BY_BYTE, RANDOM }

    enum Mode { SIGNED, SIGNED_TRAILER, UNSIGNED_TRAILER }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    static SdkSigning.Wire signedUpload(Mode mode, byte[] payload) {
        SdkSigning.Options options = new SdkSigning.Options();
        options.chunked = true;
        options.payloadSigning = mode != Mode.UNSIGNED_TRAILER;
        if (mode != Mode.SIGNED) {
            options.checksum = DefaultChecksumAlgorithm.CRC32C;
        }
        // The SDK signs payloads over plain HTTP even when asked not to; unsigned trailers need HTTPS.
        String scheme = mode == Mode.UNSIGNED_TRAILER ? "https" : "http";
        SdkHttpRequest request = SdkSigning.request(SdkHttpMethod.PUT, scheme + "://localhost:9443/bucket/big.bin")
                .putHeader("Content-Length", String.valueOf(payload.length)).build();
        return SdkSigning.sign(request, payload, options);
    }

    static AwsChunkedDecoder decoderFor(SdkSigning.Wire wire) throws S3AuthException {
        Authentication auth = SdkSigning.verifier().verify(wire.request());
        return new AwsChunkedDecoder(auth, Long.parseLong(wire.header("x-amz-decoded-content-length")),
                wire.header("x-amz-trailer"));
    }

    /** Feeds the wire bytes in the given split; returns the decoded payload; releases everything. */
    static byte[] decode(AwsChunkedDecoder decoder, byte[] wire, Split split) throws S3AuthException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(7);
        int position = 0;
        while (position < wire.length) {
            int n = switch (split) {
                case WHOLE -> wire.length;
                case BYTE_BY_BYTE -> 1;
                case RANDOM -> Math.min(wire.length - position, 1 + random.nextInt(9000));
            };
            // Byte-by-byte input is wrapped (cheap); the other splits go through direct buffers.
            ByteBuf in = split == Split.BYTE_BY_BYTE ? Unpooled.wrappedBuffer(wire, position, n)
                    : Unpooled.directBuffer(n).writeBytes(wire, position, n);
            try {
                decoder.decode(in, slice -> {
                    try {
                        byte[] bytes = new byte[slice.readableBytes()];
                        slice.readBytes(bytes);
                        out.writeBytes(bytes);
                    } finally {
                        slice.release();
                    }
                });
                assertThat(in.isReadable()).isFalse();
            } finally {
                in.release();
            }
            position += n;
        }
        decoder.finish();
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void decodesSdkBodyWholeByteByByteAndRandomlySplit(Mode mode) throws Exception {
        SdkSigning.Wire wire = signedUpload(mode, PAYLOAD);
        assertThat(wire.header("content-encoding")).isEqualTo("aws-chunked");

        for (Split split : Split.values()) {
            AwsChunkedDecoder decoder = decoderFor(wire);
            assertThat(decode(decoder, wire.body(), split)).as(split.name()).isEqualTo(PAYLOAD);
            assertThat(decoder.isComplete()).isTrue();
        }
    }

    @Test
    void reportsPayloadModesFromTheSdk() throws Exception {
        assertThat(SdkSigning.verifier().verify(signedUpload(Mode.SIGNED, PAYLOAD).request()).payloadMode())
                .isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(SdkSigning.verifier().verify(signedUpload(Mode.SIGNED_TRAILER, PAYLOAD).request()).payloadMode())
                .isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        assertThat(SdkSigning.verifier().verify(signedUpload(Mode.UNSIGNED_TRAILER, PAYLOAD).request())
                .payloadMode()).isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"SIGNED_TRAILER", "UNSIGNED_TRAILER"})
    void returnsTheChecksumTrailerMatchingThePayload(Mode mode) throws Exception {
        SdkSigning.Wire wire = signedUpload(mode, PAYLOAD);
        AwsChunkedDecoder decoder = decoderFor(wire);

        decode(decoder, wire.body(), Split.RANDOM);

        StreamingChecksum crc32c = ChecksumAlgorithm.CRC32C.newDigest();
        crc32c.update(PAYLOAD);
        assertThat(decoder.trailers()).containsOnlyKeys("x-amz-checksum-crc32c");
        assertThat(decoder.trailers().get("x-amz-checksum-crc32c")).isEqualTo(crc32c.finishBase64());
    }

    @Test
    void decodesEmptyPayload() throws Exception {
        for (Mode mode : Mode.values()) {
            SdkSigning.Wire wire = signedUpload(mode, new byte[0]);
            AwsChunkedDecoder decoder = decoderFor(wire);
            assertThat(decode(decoder, wire.body(), Split.BYTE_BY_BYTE)).as(mode.name()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"SIGNED", "SIGNED_TRAILER"})
    void rejectsOneFlippedByteOfChunkData(Mode mode) throws Exception {
        SdkSigning.Wire wire = signedUpload(mode, PAYLOAD);
        byte[] body = wire.body().clone();
        int secondChunkData = indexOf(body, "chunk-signature=", indexOf(body, "chunk-signature=", 0) + 1);
        int flip = indexOf(body, "\r\n", secondChunkData) + 2 + 1000;
        body[flip] ^= 0x01;

        assertRejected(wire, body, "SignatureDoesNotMatch", 403);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"SIGNED", "SIGNED_TRAILER"})
    void rejectsATamperedChunkSignature(Mode mode) throws Exception {
        SdkSigning.Wire wire = signedUpload(mode, PAYLOAD);
        byte[] body = wire.body().clone();
        int signature = indexOf(body, "chunk-signature=", 0) + "chunk-signature=".length();
        body[signature + 10] = (byte) (body[signature + 10] == 'a' ? 'b' : 'a');

        assertRejected(wire, body, "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsATamperedFinalChunkSignature() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.SIGNED, PAYLOAD);
        byte[] body = wire.body().clone();
        int signature = indexOf(body, "0;chunk-signature=", 0) + "0;chunk-signature=".length();
        body[signature] = (byte) (body[signature] == 'a' ? 'b' : 'a');

        assertRejected(wire, body, "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsChunksOutOfOrderBecauseSignaturesChain() throws Exception {
        byte[] small = randomBytes(200 * 1024);
        SdkSigning.Wire wire = signedUpload(Mode.SIGNED, small);
        String body = new String(wire.body(), StandardCharsets.ISO_8859_1);
        int second = chunkEnd(body, 0);
        int last = chunkEnd(body, second);
        String swapped = body.substring(second, last) + body.substring(0, second) + body.substring(last);

        assertRejected(wire, swapped.getBytes(StandardCharsets.ISO_8859_1), "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsATamperedSignedTrailer() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.SIGNED_TRAILER, PAYLOAD);
        byte[] body = wire.body().clone();
        int value = indexOf(body, "x-amz-checksum-crc32c:", 0) + "x-amz-checksum-crc32c:".length();
        body[value] = (byte) (body[value] == 'A' ? 'B' : 'A');

        assertRejected(wire, body, "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsATamperedTrailerSignature() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.SIGNED_TRAILER, PAYLOAD);
        byte[] body = wire.body().clone();
        int value = indexOf(body, "x-amz-trailer-signature:", 0) + "x-amz-trailer-signature:".length();
        body[value + 3] = (byte) (body[value + 3] == 'a' ? 'b' : 'a');

        assertRejected(wire, body, "SignatureDoesNotMatch", 403);
    }

    @Test
    void rejectsASignedTrailerWithoutItsSignature() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.SIGNED_TRAILER, PAYLOAD);
        String body = new String(wire.body(), StandardCharsets.ISO_8859_1);
        String stripped = body.replaceAll("x-amz-trailer-signature:[0-9a-f]+\r\n", "");

        assertRejected(wire, stripped.getBytes(StandardCharsets.ISO_8859_1), "SignatureDoesNotMatch", 403);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void rejectsABodyThatStopsEarly(Mode mode) throws Exception {
        SdkSigning.Wire wire = signedUpload(mode, PAYLOAD);
        for (int cut : new int[] {0, 5, wire.body().length / 2, wire.body().length - 3, wire.body().length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(wire.body(), cut);
            assertRejected(wire, truncated, "IncompleteBody", 400);
        }
    }

    @Test
    void checksDecodedLengthAgainstTheHeader() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.SIGNED, PAYLOAD);
        Authentication auth = SdkSigning.verifier().verify(wire.request());

        assertCode(() -> decode(new AwsChunkedDecoder(auth, PAYLOAD.length + 1L, null), wire.body(), Split.WHOLE),
                "IncompleteBody", 400);
        assertCode(() -> decode(new AwsChunkedDecoder(auth, PAYLOAD.length - 1L, null), wire.body(), Split.WHOLE),
                "InvalidRequest", 400);
    }

    @Test
    void rejectsAnAbsurdChunkSizeLine() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.UNSIGNED_TRAILER, PAYLOAD);

        assertRejected(wire, "FFFFFFFFFFFFFFFFFFFF\r\n".getBytes(StandardCharsets.US_ASCII), "InvalidRequest", 400);
        assertRejected(wire, "zz\r\n".getBytes(StandardCharsets.US_ASCII), "InvalidRequest", 400);
        assertRejected(wire, ("10;" + "x".repeat(10_000)).getBytes(StandardCharsets.US_ASCII), "InvalidRequest", 400);
    }

    @Test
    void rejectsChunkLargerThanTheLimit() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.UNSIGNED_TRAILER, PAYLOAD);
        Authentication auth = SdkSigning.verifier().verify(wire.request());
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(auth, -1, null,
                new AwsChunkedDecoder.Limits(256, 1024, 1000));

        assertCode(() -> decode(decoder, "3E9\r\n".getBytes(StandardCharsets.US_ASCII), Split.WHOLE),
                "InvalidRequest", 400);
    }

    @Test
    void rejectsHugeTrailers() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.UNSIGNED_TRAILER, new byte[0]);
        Authentication auth = SdkSigning.verifier().verify(wire.request());
        StringBuilder body = new StringBuilder("0\r\n");
        for (int i = 0; i < 100; i++) {
            body.append("x-amz-checksum-crc32c:").append("A".repeat(200)).append("\r\n");
        }

        assertCode(() -> decode(new AwsChunkedDecoder(auth, 0, null), body.toString()
                .getBytes(StandardCharsets.US_ASCII), Split.WHOLE), "InvalidRequest", 400);
        assertCode(() -> decode(new AwsChunkedDecoder(auth, 0, null), ("0\r\nx-amz-checksum-crc32c:"
                + "A".repeat(5000)).getBytes(StandardCharsets.US_ASCII), Split.RANDOM), "InvalidRequest", 400);
    }

    @Test
    void rejectsUndeclaredAndMissingTrailers() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.UNSIGNED_TRAILER, new byte[0]);
        Authentication auth = SdkSigning.verifier().verify(wire.request());
        byte[] undeclared = "0\r\nx-amz-checksum-sha1:AAAA\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] none = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertCode(() -> decode(new AwsChunkedDecoder(auth, 0, "x-amz-checksum-crc32c"), undeclared, Split.WHOLE),
                "InvalidRequest", 400);
        assertCode(() -> decode(new AwsChunkedDecoder(auth, 0, "x-amz-checksum-crc32c"), none, Split.WHOLE),
                "IncompleteBody", 400);
    }

    @Test
    void rejectsBytesAfterTheEnd() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.SIGNED, PAYLOAD);
        byte[] body = java.util.Arrays.copyOf(wire.body(), wire.body().length + 1);
        body[body.length - 1] = 'x';

        assertRejected(wire, body, "InvalidRequest", 400);
    }

    @Test
    void rejectsAChunkLongerThanItsSize() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.UNSIGNED_TRAILER, PAYLOAD);
        Authentication auth = SdkSigning.verifier().verify(wire.request());
        byte[] body = "3\r\nabcd\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertCode(() -> decode(new AwsChunkedDecoder(auth, -1, null), body, Split.BYTE_BY_BYTE),
                "InvalidRequest", 400);
    }

    @Test
    void rejectsAnUnsignedChunkInASignedBody() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.SIGNED, PAYLOAD);

        assertRejected(wire, "3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "SignatureDoesNotMatch", 403);
    }

    @Test
    void staysFailedAfterAnError() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.UNSIGNED_TRAILER, PAYLOAD);
        AwsChunkedDecoder decoder = decoderFor(wire);
        ByteBuf bad = Unpooled.copiedBuffer("zz\r\n", StandardCharsets.US_ASCII);
        ByteBuf good = Unpooled.copiedBuffer("0\r\n", StandardCharsets.US_ASCII);
        try {
            assertThatThrownBy(() -> decoder.decode(bad, ByteBuf::release)).isInstanceOf(S3AuthException.class);
            assertThatThrownBy(() -> decoder.decode(good, ByteBuf::release)).isInstanceOf(S3AuthException.class);
            assertThatThrownBy(decoder::finish).isInstanceOf(S3AuthException.class);
        } finally {
            bad.release();
            good.release();
        }
    }

    @Test
    void failsForGoodWhenTheConsumerThrows() throws Exception {
        SdkSigning.Wire wire = signedUpload(Mode.UNSIGNED_TRAILER, PAYLOAD);
        AwsChunkedDecoder decoder = decoderFor(wire);
        ByteBuf in = Unpooled.wrappedBuffer(wire.body());
        try {
            assertThatThrownBy(() -> decoder.decode(in, slice -> {
                slice.release();
                throw new IllegalStateException("backend gone");
            })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> decoder.decode(in, ByteBuf::release)).isInstanceOf(S3AuthException.class);
            assertThatThrownBy(decoder::finish).isInstanceOf(S3AuthException.class);
        } finally {
            in.release();
        }
    }

    @Test
    void refusesNonChunkedModes() {
        assertThatThrownBy(() -> new AwsChunkedDecoder(Authentication.anonymous(), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Whole and randomly split; the byte-by-byte split is covered by the decoding tests (it is slow). */
    private static void assertRejected(SdkSigning.Wire wire, byte[] body, String code, int status) {
        for (Split split : new Split[] {Split.WHOLE, Split.RANDOM}) {
            assertCode(() -> decode(decoderFor(wire), body, split), code, status);
        }
    }

    interface Decoding {
        void run() throws Exception;
    }

    private static void assertCode(Decoding decoding, String code, int status) {
        assertThatThrownBy(decoding::run).isInstanceOfSatisfying(S3AuthException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.httpStatus()).isEqualTo(status);
        });
    }

    /** The offset just past the chunk (size line, data, CRLF) that starts at {@code start}. */
    private static int chunkEnd(String body, int start) {
        int lineEnd = body.indexOf("\r\n", start);
        int size = Integer.parseInt(body.substring(start, body.indexOf(';', start)), 16);
        return lineEnd + 2 + size + 2;
    }

    private static int indexOf(byte[] haystack, String needle, int from) {
        int index = new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle, from);
        assertThat(index).as("'" + needle + "' in the body").isNotNegative();
        return index;
    }
}
