package io.trustgate.s3.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.FastThreadLocal;
import io.trustgate.s3.auth.Authentication;
import io.trustgate.s3.auth.AwsChunkedDecoder;
import io.trustgate.s3.auth.PayloadHashVerifier;
import io.trustgate.s3.auth.PayloadMode;
import io.trustgate.s3.auth.S3AuthException;
import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.Checksums;
import io.trustgate.s3.checksum.RequestedChecksum;
import io.trustgate.s3.checksum.StreamingChecksum;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.operation.ObjectHeaders;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the wire bytes of one request body into payload bytes and checks them: aws-chunked decoding with chunk and
 * trailer signatures, the signed SHA-256, the declared length, Content-MD5 and one {@code x-amz-checksum-*}
 * (from a header or a trailer). The MD5 is computed when the backend needs it (the ETag) or the client sent
 * {@code Content-MD5}. Not thread-safe: one event loop.
 */
final class BodyDecoder {

    /** Per event-loop thread: blocks of a direct body piece on their way to the digests (fits in an L1 cache). */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[16 * 1024];
        }
    };

    private final AwsChunkedDecoder chunked;
    private final PayloadHashVerifier sha256;
    private final long declaredLength;
    private final long maxLength;
    private final byte[] contentMd5;
    private final StreamingChecksum md5;
    private final ChecksumAlgorithm algorithm;
    private final StreamingChecksum checksum;
    private final String checksumHeaderValue;
    /** How many of md5, sha256 and checksum are computed. */
    private final int digests;
    private long size;

    /**
     * @param maxLength largest payload accepted (EntityTooLarge beyond)
     * @param md5        whether the digest must carry the body's MD5 (else only a Content-MD5 is checked)
     * @throws BlobStoreException on malformed Content-MD5, unknown checksum algorithms or lengths
     */
    BodyDecoder(Authentication auth, HttpHeaders headers, long maxLength, boolean md5) {
        PayloadMode mode = auth.payloadMode();
        String decoded = headers.get("x-amz-decoded-content-length");
        long decodedLength = ObjectHeaders.length(decoded);
        if (mode.isChunked()) {
            this.chunked = new AwsChunkedDecoder(auth, decodedLength, headers.get("x-amz-trailer"));
            this.declaredLength = decodedLength;
        } else {
            this.chunked = null;
            this.declaredLength = ObjectHeaders.length(headers.get(HttpHeaderNames.CONTENT_LENGTH));
        }
        this.sha256 = mode == PayloadMode.SHA256 ? PayloadHashVerifier.of(auth) : null;
        this.maxLength = maxLength;
        if (declaredLength > maxLength) {
            throw S3Errors.entityTooLarge();
        }
        this.contentMd5 = parseContentMd5(headers.get("Content-MD5"));
        this.md5 = md5 || contentMd5 != null ? Checksums.md5() : null;
        RequestedChecksum requested;
        try {
            requested = RequestedChecksum.of(headers);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("Checksum algorithm provided is unsupported.");
        }
        ChecksumAlgorithm alg = requested.algorithm();
        String headerValue = requested.headerValue();
        this.algorithm = alg;
        this.checksum = alg == null ? null : alg.newDigest();
        this.checksumHeaderValue = headerValue;
        this.digests = (this.md5 == null ? 0 : 1) + (sha256 == null ? 0 : 1) + (checksum == null ? 0 : 1);
    }

    /**
     * Decodes all readable bytes of {@code wire} (not released here) and hands each payload piece, owned by the
     * consumer, to {@code payload}.
     */
    void decode(ByteBuf wire, Consumer<ByteBuf> payload) {
        if (chunked != null) {
            try {
                chunked.decode(wire, piece -> {
                    try {
                        account(piece);
                    } catch (RuntimeException e) {
                        piece.release(); // the consumer owns each piece: one refused here is released here
                        throw e;
                    }
                    payload.accept(piece);
                });
            } catch (S3AuthException e) {
                throw toBlobError(e);
            }
        } else if (wire.isReadable()) {
            ByteBuf piece = wire.readRetainedSlice(wire.readableBytes());
            try {
                account(piece);
            } catch (RuntimeException e) {
                piece.release();
                throw e;
            }
            payload.accept(piece);
        }
    }

    private void account(ByteBuf piece) {
        size += piece.readableBytes();
        if (size > maxLength) {
            throw S3Errors.entityTooLarge();
        }
        if (digests > 1 && !piece.hasArray()) {
            digestInBlocks(piece);
            return;
        }
        if (md5 != null) {
            md5.update(piece);
        }
        if (sha256 != null) {
            sha256.update(piece);
        }
        if (checksum != null) {
            checksum.update(piece);
        }
    }

    /**
     * Feeds a direct piece to every digest in one pass: each block is copied once into this thread's scratch array,
     * where all digests read it while it is in the CPU cache (fed one by one, each would read the whole piece, and
     * the JDK's digests would each copy it out of the direct buffer again).
     */
    private void digestInBlocks(ByteBuf piece) {
        byte[] block = SCRATCH.get();
        int index = piece.readerIndex();
        int end = piece.writerIndex();
        while (index < end) {
            int n = Math.min(block.length, end - index);
            piece.getBytes(index, block, 0, n);
            if (md5 != null) {
                md5.update(block, 0, n);
            }
            if (sha256 != null) {
                sha256.update(block, 0, n);
            }
            if (checksum != null) {
                checksum.update(block, 0, n);
            }
            index += n;
        }
    }

    /** Checks everything once the body ended; the digest to commit. */
    BodyDigest finish() {
        try {
            if (chunked != null) {
                chunked.finish();
            }
            if (sha256 != null) {
                sha256.verify();
            }
        } catch (S3AuthException e) {
            throw toBlobError(e);
        }
        if (declaredLength >= 0 && size != declaredLength) {
            throw S3Errors.incompleteBody();
        }
        byte[] md5Bytes = md5 == null ? null : md5.finish();
        if (contentMd5 != null && !java.util.Arrays.equals(contentMd5, md5Bytes)) {
            throw S3Errors.badDigest();
        }
        List<Checksum> checksums = new ArrayList<>(1);
        if (checksum != null) {
            String computed = checksum.finishBase64();
            String expected = checksumHeaderValue;
            if (expected == null && chunked != null) {
                expected = chunked.trailers().get(algorithm.headerName());
            }
            if (expected != null && !expected.equals(computed)) {
                throw new BlobStoreException("BadDigest", 400, "The " + algorithm.name()
                        + " you specified did not match the calculated checksum.");
            }
            checksums.add(new Checksum(algorithm.name(), computed, ChecksumType.FULL_OBJECT));
        }
        return new BodyDigest(size, md5Bytes == null ? null : Checksums.hex(md5Bytes), checksums);
    }

    long size() {
        return size;
    }

    static BlobStoreException toBlobError(S3AuthException e) {
        return new BlobStoreException(e.code(), e.httpStatus(), e.getMessage(), e);
    }

    private static byte[] parseContentMd5(String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] b = Base64.getDecoder().decode(value.trim());
            if (b.length != 16) {
                throw S3Errors.invalidDigest();
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidDigest();
        }
    }
}
