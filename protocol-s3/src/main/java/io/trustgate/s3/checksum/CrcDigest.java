package io.trustgate.s3.checksum;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/** A {@link java.util.zip.Checksum} CRC as a {@link StreamingChecksum}; the value is emitted big-endian. */
final class CrcDigest implements StreamingChecksum {

    private final Checksum crc;
    private final int width;

    CrcDigest(Checksum crc, int width) {
        this.crc = crc;
        this.width = width;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
    }

    @Override
    public void update(ByteBuffer bytes) {
        crc.update(bytes.duplicate());
    }

    @Override
    public byte[] finish() {
        return Checksums.bigEndian(crc.getValue(), width);
    }
}
