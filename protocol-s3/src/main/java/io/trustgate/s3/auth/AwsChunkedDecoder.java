package io.trustgate.s3.auth;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes an {@code aws-chunked} request body ({@code STREAMING-*} payload modes) incrementally, from any split of
 * the wire bytes, down to a single byte per call:
 * <pre>
 * hex-size[;chunk-signature=sig] CRLF data CRLF ... 0[;chunk-signature=sig] CRLF [trailer CRLF ...] CRLF
 * </pre>
 * In signed modes every chunk signature is checked, chained from the request (seed) signature, and in
 * {@link PayloadMode#STREAMING_SIGNED_TRAILER} the {@code x-amz-trailer-signature} over the trailers too. The
 * decoded length is checked against {@code x-amz-decoded-content-length} when that was sent.
 *
 * <p>Buffering is bounded: a chunk-size or trailer line may not exceed {@link Limits#maxLineLength()}, the trailer
 * section {@link Limits#maxTrailerBytes()}, and a chunk {@link Limits#maxChunkSize()}; chunk data itself is never
 * buffered. <b>Decoded bytes are emitted before their chunk's signature has been checked</b> (a chunk can be
 * megabytes): the caller must not make the object visible until {@link #finish()} returns normally.
 *
 * <p>Buffer ownership: {@link #decode} consumes every readable byte of its input (reader index moved to the writer
 * index) but does not release it. Each payload buffer handed to the consumer is a retained slice that the consumer
 * owns and must release, even when it throws. Not thread-safe: one body, one thread at a time (an event loop).
 * After an exception (its own, or one thrown by the consumer) the decoder is failed and every further call throws.
 */
public final class AwsChunkedDecoder {

    /**
     * Bounds on what the decoder buffers.
     *
     * @param maxLineLength   longest chunk-size line or trailer line, CRLF included
     * @param maxTrailerBytes longest trailer section, all lines together
     * @param maxChunkSize    largest chunk size accepted in a chunk-size line
     */
    public record Limits(int maxLineLength, int maxTrailerBytes, long maxChunkSize) {
        /** 4 KiB lines, 16 KiB of trailers, 5 GiB chunks (the S3 single-request object limit). */
        public static final Limits DEFAULT = new Limits(4096, 16 * 1024, 5L * 1024 * 1024 * 1024);

        public Limits {
            if (maxLineLength < 128 || maxTrailerBytes < maxLineLength || maxChunkSize < 1) {
                throw new IllegalArgumentException("limits too small: " + maxLineLength + ", " + maxTrailerBytes
                        + ", " + maxChunkSize);
            }
        }
    }

    private enum State { SIZE_LINE, DATA, DATA_CRLF, END_CRLF, TRAILER, DONE }

    private static final String SIGNATURE_EXT = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final PayloadMode mode;
    private final SigningContext signing;
    private final long decodedContentLength;
    private final List<String> declaredTrailers;
    private final Limits limits;

    private final byte[] line;
    private int lineLength;
    private State state = State.SIZE_LINE;
    private S3AuthException failure;

    private long chunkRemaining;
    private int crlfSeen;
    private long decoded;
    private String previousSignature;
    private String chunkSignature;
    private final MessageDigest chunkDigest;

    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final StringBuilder canonicalTrailers = new StringBuilder();
    private String trailerSignature;
    private int trailerBytes;
    private boolean separatorSkipped;

    /**
     * @param authentication       the verified request; its {@link Authentication#payloadMode()} must be chunked
     * @param decodedContentLength {@code x-amz-decoded-content-length}, or -1 when the request had none
     * @param xAmzTrailer          the {@code x-amz-trailer} header (comma-separated trailer names), or {@code null}
     */
    public AwsChunkedDecoder(Authentication authentication, long decodedContentLength, String xAmzTrailer) {
        this(authentication, decodedContentLength, xAmzTrailer, Limits.DEFAULT);
    }

    public AwsChunkedDecoder(Authentication authentication, long decodedContentLength, String xAmzTrailer,
                             Limits limits) {
        this.mode = authentication.payloadMode();
        if (!mode.isChunked()) {
            throw new IllegalArgumentException("payload mode " + mode + " is not aws-chunked");
        }
        this.signing = authentication.signing();
        if (mode.signsChunks() && signing == null) {
            throw new IllegalArgumentException("payload mode " + mode + " needs a signed request");
        }
        this.decodedContentLength = decodedContentLength;
        this.declaredTrailers = parseTrailerNames(xAmzTrailer);
        this.limits = limits;
        this.line = new byte[limits.maxLineLength()];
        this.previousSignature = signing == null ? null : signing.seedSignature();
        this.chunkDigest = mode.signsChunks() ? SigV4Crypto.sha256() : null;
    }

    /**
     * Decodes all readable bytes of {@code wireBytes}, handing each decoded payload piece, in order, to
     * {@code payload}. Bytes after the end of the body are an error.
     */
    public void decode(ByteBuf wireBytes, Consumer<ByteBuf> payload) throws S3AuthException {
        if (failure != null) {
            throw failure;
        }
        try {
            while (wireBytes.isReadable()) {
                switch (state) {
                    case SIZE_LINE -> {
                        if (readLine(wireBytes)) {
                            onSizeLine();
                        }
                    }
                    case DATA -> readData(wireBytes, payload);
                    case DATA_CRLF, END_CRLF -> readCrlf(wireBytes);
                    case TRAILER -> {
                        if (readLine(wireBytes)) {
                            onTrailerLine();
                        }
                    }
                    case DONE -> throw S3AuthException.invalidRequest(
                            "Unexpected bytes after the end of the aws-chunked body.");
                }
            }
        } catch (S3AuthException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            // The consumer failed mid-body: the stream position is unknown from here on.
            failure = S3AuthException.invalidRequest("The aws-chunked body could not be consumed.");
            throw e;
        }
    }

    /** True once the final chunk (and trailers, if any) have been read completely. */
    public boolean isComplete() {
        return state == State.DONE;
    }

    /** The trailing headers, names lower-case, without {@code x-amz-trailer-signature}; verified when signed. */
    public Map<String, String> trailers() {
        return Collections.unmodifiableMap(trailers);
    }

    /**
     * Call when the request body has ended.
     *
     * @throws S3AuthException IncompleteBody when the body stopped before its end
     */
    public void finish() throws S3AuthException {
        if (failure != null) {
            throw failure;
        }
        if (state == State.TRAILER && lineLength == 0 && trailersSatisfied()) {
            // Lenient about a client that ends the body without the final empty line after its trailers.
            completeTrailers();
        }
        if (state != State.DONE) {
            failure = S3AuthException.incompleteBody("The request body ended before the end of the aws-chunked "
                    + "encoding (" + decoded + " payload bytes decoded).");
            throw failure;
        }
    }

    /** Buffers up to CRLF (or a bare LF); true with the line (terminator stripped) in {@code line[0..lineLength)}. */
    private boolean readLine(ByteBuf in) throws S3AuthException {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lf = in.indexOf(start, end, (byte) '\n');
        int take = (lf < 0 ? end : lf + 1) - start;
        if (lineLength + take > line.length) {
            throw S3AuthException.invalidRequest((state == State.TRAILER ? "An aws-chunked trailer line"
                    : "An aws-chunked chunk-size line") + " is longer than " + line.length + " bytes.");
        }
        in.readBytes(line, lineLength, take);
        lineLength += take;
        if (lf < 0) {
            return false;
        }
        lineLength--; // the LF
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private void onSizeLine() throws S3AuthException {
        String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        int semicolon = text.indexOf(';');
        String hex = (semicolon < 0 ? text : text.substring(0, semicolon)).trim();
        long size = parseChunkSize(hex);
        chunkSignature = null;
        if (semicolon >= 0) {
            for (String extension : text.substring(semicolon + 1).split(";")) {
                String ext = extension.trim();
                if (ext.startsWith(SIGNATURE_EXT)) {
                    chunkSignature = ext.substring(SIGNATURE_EXT.length());
                }
            }
        }
        if (mode.signsChunks() && !SigV4Crypto.isLowerHex64(chunkSignature)) {
            throw S3AuthException.signatureDoesNotMatch("An aws-chunked chunk has no valid chunk-signature.");
        }
        if (decodedContentLength >= 0 && size > decodedContentLength - decoded) {
            throw S3AuthException.invalidRequest("The aws-chunked body holds more bytes than "
                    + "x-amz-decoded-content-length (" + decodedContentLength + ").");
        }
        if (size > 0) {
            chunkRemaining = size;
            state = State.DATA;
            return;
        }
        verifyChunkSignature();
        if (decodedContentLength >= 0 && decoded != decodedContentLength) {
            throw S3AuthException.incompleteBody("You did not provide the number of bytes specified by the "
                    + "x-amz-decoded-content-length header (" + decoded + " of " + decodedContentLength + ").");
        }
        state = mode.hasTrailer() ? State.TRAILER : State.END_CRLF;
        crlfSeen = 0;
    }

    private long parseChunkSize(String hex) throws S3AuthException {
        if (hex.isEmpty() || hex.length() > 16) {
            throw S3AuthException.invalidRequest("Invalid aws-chunked chunk size \"" + truncate(hex) + "\".");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw S3AuthException.invalidRequest("Invalid aws-chunked chunk size \"" + truncate(hex) + "\".");
            }
            size = size << 4 | digit;
            if (size > limits.maxChunkSize()) {
                throw S3AuthException.invalidRequest("An aws-chunked chunk is larger than "
                        + limits.maxChunkSize() + " bytes.");
            }
        }
        return size;
    }

    private void readData(ByteBuf in, Consumer<ByteBuf> payload) throws S3AuthException {
        int n = (int) Math.min(chunkRemaining, in.readableBytes());
        ByteBuf slice = in.readRetainedSlice(n);
        if (chunkDigest != null) {
            if (slice.nioBufferCount() == 1) {
                chunkDigest.update(slice.nioBuffer());
            } else {
                for (ByteBuffer part : slice.nioBuffers()) {
                    chunkDigest.update(part);
                }
            }
        }
        chunkRemaining -= n;
        decoded += n;
        payload.accept(slice);
        if (chunkRemaining == 0) {
            verifyChunkSignature();
            state = State.DATA_CRLF;
            crlfSeen = 0;
        }
    }

    /** Chunk string to sign: AWS4-HMAC-SHA256-PAYLOAD, date, scope, previous signature, hash(""), hash(data). */
    private void verifyChunkSignature() throws S3AuthException {
        if (!mode.signsChunks()) {
            return;
        }
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + signing.amzDate() + '\n' + signing.scope() + '\n'
                + previousSignature + '\n' + SigV4Crypto.EMPTY_SHA256 + '\n' + SigV4Crypto.hex(chunkDigest.digest());
        String computed = SigV4Crypto.signatureHex(signing.signingKey(), stringToSign);
        if (!SigV4Crypto.signaturesMatch(computed, chunkSignature)) {
            throw S3AuthException.signatureDoesNotMatch("The chunk signature we calculated does not match the "
                    + "chunk-signature you provided (chunk ending at payload byte " + decoded + ").");
        }
        previousSignature = chunkSignature;
    }

    private void readCrlf(ByteBuf in) throws S3AuthException {
        byte b = in.readByte();
        if (crlfSeen == 0 && b == '\r') {
            crlfSeen = 1;
            return;
        }
        if (b != '\n') {
            throw S3AuthException.invalidRequest(state == State.DATA_CRLF
                    ? "An aws-chunked chunk is longer than its declared size (no CRLF after its data)."
                    : "The aws-chunked body does not end with an empty line after its final chunk.");
        }
        state = state == State.DATA_CRLF ? State.SIZE_LINE : State.DONE;
    }

    private void onTrailerLine() throws S3AuthException {
        trailerBytes += lineLength + 2;
        if (trailerBytes > limits.maxTrailerBytes()) {
            throw S3AuthException.invalidRequest("The aws-chunked trailers are longer than "
                    + limits.maxTrailerBytes() + " bytes.");
        }
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        if (text.isEmpty()) {
            if (!separatorSkipped && trailers.isEmpty() && trailerSignature == null
                    && (!declaredTrailers.isEmpty() || mode == PayloadMode.STREAMING_SIGNED_TRAILER)) {
                // Some writers (and the S3 documentation's example) put an empty line between the final chunk
                // and the trailers; a trailer is still expected, so this cannot be the end.
                separatorSkipped = true;
                return;
            }
            completeTrailers();
            return;
        }
        if (trailerSignature != null) {
            throw S3AuthException.invalidRequest("An aws-chunked trailer follows x-amz-trailer-signature.");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw S3AuthException.invalidRequest("Malformed aws-chunked trailer line \"" + truncate(text) + "\".");
        }
        String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        if (name.equals(TRAILER_SIGNATURE)) {
            trailerSignature = value;
            return;
        }
        if (!declaredTrailers.isEmpty() && !declaredTrailers.contains(name)) {
            throw S3AuthException.invalidRequest("The trailer \"" + truncate(name) + "\" was not declared in "
                    + "x-amz-trailer.");
        }
        trailers.put(name, value);
        canonicalTrailers.append(name).append(':').append(value).append('\n');
    }

    private boolean trailersSatisfied() {
        return trailers.keySet().containsAll(declaredTrailers)
                && (mode != PayloadMode.STREAMING_SIGNED_TRAILER || trailerSignature != null);
    }

    private void completeTrailers() throws S3AuthException {
        for (String declared : declaredTrailers) {
            if (!trailers.containsKey(declared)) {
                throw S3AuthException.incompleteBody("The trailer \"" + declared + "\" declared in x-amz-trailer "
                        + "was not sent.");
            }
        }
        if (mode == PayloadMode.STREAMING_SIGNED_TRAILER) {
            verifyTrailerSignature();
        }
        state = State.DONE;
    }

    /** Trailer string to sign: AWS4-HMAC-SHA256-TRAILER, date, scope, last chunk signature, hash(trailers). */
    private void verifyTrailerSignature() throws S3AuthException {
        if (trailerSignature == null || !SigV4Crypto.isLowerHex64(trailerSignature)) {
            throw S3AuthException.signatureDoesNotMatch("The aws-chunked body has no valid x-amz-trailer-signature.");
        }
        String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + signing.amzDate() + '\n' + signing.scope() + '\n'
                + previousSignature + '\n' + SigV4Crypto.sha256Hex(canonicalTrailers.toString());
        String computed = SigV4Crypto.signatureHex(signing.signingKey(), stringToSign);
        if (!SigV4Crypto.signaturesMatch(computed, trailerSignature)) {
            throw S3AuthException.signatureDoesNotMatch("The trailer signature we calculated does not match the "
                    + "x-amz-trailer-signature you provided.");
        }
    }

    private static List<String> parseTrailerNames(String xAmzTrailer) {
        List<String> names = new ArrayList<>();
        if (xAmzTrailer != null) {
            for (String name : xAmzTrailer.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty()) {
                    names.add(trimmed);
                }
            }
        }
        return List.copyOf(names);
    }

    private static String truncate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
