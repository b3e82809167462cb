package io.trustgate.s3.auth;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Checks a body against the hex SHA-256 in {@code x-amz-content-sha256} ({@link PayloadMode#SHA256}). Feed every
 * body piece to {@link #update(ByteBuf)} as it streams, then call {@link #verify()} before committing the object.
 * Not thread-safe: one body, one thread at a time.
 */
public final class PayloadHashVerifier {

    private final String expectedHex;
    private final MessageDigest digest = SigV4Crypto.sha256();

    public PayloadHashVerifier(String expectedHex) {
        this.expectedHex = expectedHex.toLowerCase(Locale.ROOT);
    }

    /** For an {@link Authentication} whose mode is {@link PayloadMode#SHA256}. */
    public static PayloadHashVerifier of(Authentication authentication) {
        if (authentication.payloadMode() != PayloadMode.SHA256) {
            throw new IllegalArgumentException("payload mode is " + authentication.payloadMode() + ", not SHA256");
        }
        return new PayloadHashVerifier(authentication.payloadSha256Hex());
    }

    /** Hashes the readable bytes of {@code buf}; its reader index and reference count are left unchanged. */
    public void update(ByteBuf buf) {
        int length = buf.readableBytes();
        if (length == 0) {
            return;
        }
        if (buf.hasArray()) {
            digest.update(buf.array(), buf.arrayOffset() + buf.readerIndex(), length);
        } else {
            for (ByteBuffer part : buf.nioBuffers(buf.readerIndex(), length)) {
                digest.update(part);
            }
        }
    }

    /** Hashes {@code length} bytes of {@code bytes} from {@code offset}. */
    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    /** @throws S3AuthException XAmzContentSHA256Mismatch when the body's SHA-256 is not the declared one */
    public void verify() throws S3AuthException {
        String actual = SigV4Crypto.hex(digest.digest());
        if (!SigV4Crypto.signaturesMatch(actual, expectedHex)) {
            throw S3AuthException.contentSha256Mismatch();
        }
    }
}
