package io.trustgate.s3.checksum;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;

/**
 * A checksum computed over a body that arrives in pieces. Not thread-safe: one body, one thread at a time.
 * {@link #update(ByteBuf)} reads the buffer's readable bytes without moving its reader index and never releases it;
 * the caller keeps ownership. After {@link #finish()} the instance must not be used again.
 */
public interface StreamingChecksum {

    void update(byte[] bytes, int offset, int length);

    void update(ByteBuffer bytes);

    /** Feeds the readable bytes of {@code buf}; the reader index and reference count are left unchanged. */
    default void update(ByteBuf buf) {
        int length = buf.readableBytes();
        if (length == 0) {
            return;
        }
        if (buf.hasArray()) {
            update(buf.array(), buf.arrayOffset() + buf.readerIndex(), length);
        } else if (buf.nioBufferCount() == 1) {
            update(buf.nioBuffer(buf.readerIndex(), length));
        } else {
            for (ByteBuffer part : buf.nioBuffers(buf.readerIndex(), length)) {
                update(part);
            }
        }
    }

    default void update(byte[] bytes) {
        update(bytes, 0, bytes.length);
    }

    /** The checksum in its wire byte order (big-endian for the CRCs), as S3 base64-encodes it. */
    byte[] finish();

    /** {@link #finish()} base64-encoded, the form used in {@code x-amz-checksum-*} headers and trailers. */
    default String finishBase64() {
        return Checksums.base64(finish());
    }
}
