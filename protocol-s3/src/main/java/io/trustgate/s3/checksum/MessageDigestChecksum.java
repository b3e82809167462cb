package io.trustgate.s3.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A JDK {@link MessageDigest} (SHA-1, SHA-256, MD5) as a {@link StreamingChecksum}. */
final class MessageDigestChecksum implements StreamingChecksum {

    private final MessageDigest digest;

    private MessageDigestChecksum(MessageDigest digest) {
        this.digest = digest;
    }

    static MessageDigestChecksum of(String jdkName) {
        try {
            return new MessageDigestChecksum(MessageDigest.getInstance(jdkName));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdkName + " is required of every Java platform", e);
        }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    @Override
    public void update(ByteBuffer bytes) {
        digest.update(bytes.duplicate());
    }

    @Override
    public byte[] finish() {
        return digest.digest();
    }
}
