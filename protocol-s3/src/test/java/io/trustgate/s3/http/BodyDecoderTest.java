package io.trustgate.s3.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.trustgate.s3.auth.Authentication;
import io.trustgate.s3.auth.PayloadMode;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BodyDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The checks {@link BodyDecoder} makes on a plain (not aws-chunked) body signed with its SHA-256: with the MD5 and a
 * CRC32 asked for as well, every digest sees every byte whichever way the pieces are cut and whether they are
 * direct (fed to the digests in blocks through one copy) or heap buffers, and a wrong SHA-256, Content-MD5 or
 * checksum is refused with its S3 code.
 */
class BodyDecoderTest {

    private static final int SIZE = 100_003;
    private final byte[] body = new byte[SIZE];

    BodyDecoderTest() {
        new Random(7).nextBytes(body);
    }

    private static byte[] digest(String alg, byte[] bytes) throws Exception {
        return MessageDigest.getInstance(alg).digest(bytes);
    }

    private static String crc32Base64(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private HttpHeaders headers(String contentMd5, String crc32) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set("Content-Length", SIZE);
        h.set("Content-MD5", contentMd5);
        h.set("x-amz-checksum-crc32", crc32);
        return h;
    }

    private static Authentication signed(String sha256Hex) {
        return new Authentication("AK", PayloadMode.SHA256, sha256Hex, false, "us-east-1", null);
    }

    /** Feeds the body in pieces of the given sizes (the last one takes the rest), then finishes. */
    private BodyDigest decode(BodyDecoder decoder, boolean direct, int... sizes) {
        int from = 0;
        int i = 0;
        while (from < SIZE) {
            int n = i < sizes.length ? Math.min(sizes[i++], SIZE - from) : SIZE - from;
            ByteBuf wire = direct ? Unpooled.directBuffer(n) : Unpooled.buffer(n);
            wire.writeBytes(body, from, n);
            try {
                decoder.decode(wire, ByteBuf::release);
            } finally {
                wire.release();
            }
            from += n;
        }
        return decoder.finish();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyDigestSeesEveryByteWhateverThePieces(boolean direct) throws Exception {
        byte[] md5 = digest("MD5", body);
        BodyDecoder decoder = new BodyDecoder(signed(HexFormat.of().formatHex(digest("SHA-256", body))),
                headers(Base64.getEncoder().encodeToString(md5), crc32Base64(body)), SIZE, true);

        BodyDigest d = decode(decoder, direct, 1, 16_383, 16_385, 40_000, 3);

        assertThat(d.size()).isEqualTo(SIZE);
        assertThat(d.md5Hex()).isEqualTo(HexFormat.of().formatHex(md5));
        assertThat(d.checksums()).singleElement().satisfies(c -> {
            assertThat(c.algorithm()).isEqualTo("CRC32");
            assertThat(c.value()).isEqualTo(crc32Base64(body));
        });
    }

    @Test
    void aWrongSignedSha256IsRefused() throws Exception {
        byte[] other = digest("SHA-256", new byte[] {1});
        BodyDecoder decoder = new BodyDecoder(signed(HexFormat.of().formatHex(other)),
                headers(Base64.getEncoder().encodeToString(digest("MD5", body)), crc32Base64(body)), SIZE, true);

        BlobStoreException e = catchThrowableOfType(() -> decode(decoder, true, 70_000), BlobStoreException.class);

        assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch");
    }

    @Test
    void aWrongContentMd5IsBadDigest() throws Exception {
        BodyDecoder decoder = new BodyDecoder(signed(HexFormat.of().formatHex(digest("SHA-256", body))),
                headers(Base64.getEncoder().encodeToString(digest("MD5", new byte[] {1})), crc32Base64(body)),
                SIZE, true);

        BlobStoreException e = catchThrowableOfType(() -> decode(decoder, true, 70_000), BlobStoreException.class);

        assertThat(e.code()).isEqualTo("BadDigest");
    }

    @Test
    void aWrongChecksumIsBadDigest() throws Exception {
        BodyDecoder decoder = new BodyDecoder(signed(HexFormat.of().formatHex(digest("SHA-256", body))),
                headers(Base64.getEncoder().encodeToString(digest("MD5", body)), crc32Base64(new byte[] {1})),
                SIZE, true);

        BlobStoreException e = catchThrowableOfType(() -> decode(decoder, true, 70_000), BlobStoreException.class);

        assertThat(e.code()).isEqualTo("BadDigest");
        assertThat(e.getMessage()).contains("CRC32");
    }
}
