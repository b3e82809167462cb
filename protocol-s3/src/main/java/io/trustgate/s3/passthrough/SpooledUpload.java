package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.ObjectProperties;
import org.reactivestreams.Subscriber;
import software.amazon.awssdk.core.async.AsyncRequestBody;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * A PutObject or UploadPart whose body has no length known in advance (plain {@code Transfer-Encoding: chunked}
 * without {@code x-amz-decoded-content-length}): S3 takes no upload without a {@code Content-Length}, so the decoded
 * body is written to a temporary file in the spool directory as it comes, and only {@link #commit} (which the server
 * calls after it verified Content-MD5 and {@code x-amz-checksum-*}) sends the file upstream with its length. A body
 * that fails verification never leaves the gateway; the upstream stores nothing.
 *
 * <p>Memory stays bounded: one chunk at a time is in flight to the file (the server waits for {@link #write}'s
 * stage), and the file is read back by the SDK in small pieces. Its size is bounded by the largest body the server
 * accepts ({@link #MAX_SIZE}, EntityTooLarge beyond, as the server already enforces).
 *
 * <p>The file is deleted on every path: when the upstream answered the commit (success or error), on
 * {@link #abort} (the client went away, or the body failed), and when a write or the commit fails. Threads: the
 * server's calls never overlap; writes complete on the JDK's file IO threads, the commit on the SDK's. State is
 * guarded by {@code this}.
 *
 * @param <T> the SDK response
 * @param <R> what commit yields to the server
 */
final class SpooledUpload<T, R> implements BlobWriter<R> {

    /** S3's largest single-request upload, the server's own limit too. */
    static final long MAX_SIZE = 5L * 1024 * 1024 * 1024;
    /** Name prefix of spool files. */
    static final String PREFIX = "trustgate-s3-spool-";

    private final Path file;
    private final AsynchronousFileChannel channel;
    private final BiFunction<AsyncRequestBody, BodyDigest, CompletableFuture<T>> send;
    private final BiFunction<T, BodyDigest, R> result;
    private final BackendErrors errors;
    private long written;
    private boolean ended;
    private CompletableFuture<T> response;

    private SpooledUpload(Path file, AsynchronousFileChannel channel,
                          BiFunction<AsyncRequestBody, BodyDigest, CompletableFuture<T>> send, BiFunction<T, BodyDigest, R> result,
                          BackendErrors errors) {
        this.file = file;
        this.channel = channel;
        this.send = send;
        this.result = result;
        this.errors = errors;
    }

    /**
     * A new spool file in {@code directory}; {@code send} starts the upstream request with a body of known length
     * (the file) and the verified digest (a checksum that came in a trailer is known by then), and {@code result}
     * makes the commit's answer of the upstream's.
     */
    static <T, R> CompletionStage<BlobWriter<R>> open(Path directory,
                                                      BiFunction<AsyncRequestBody, BodyDigest, CompletableFuture<T>> send,
                                                      BiFunction<T, BodyDigest, R> result, BackendErrors errors) {
        Path file = null;
        try {
            file = Files.createTempFile(directory, PREFIX, ".body");
            AsynchronousFileChannel channel = AsynchronousFileChannel.open(file, StandardOpenOption.WRITE);
            return CompletableFuture.completedFuture(new SpooledUpload<>(file, channel, send, result, errors));
        } catch (IOException | RuntimeException e) {
            delete(file);
            return CompletableFuture.failedFuture(internal("The upload of unknown length could not be "
                    + "spooled before it is passed on", e));
        }
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        long position;
        synchronized (this) {
            if (ended) {
                chunk.release();
                return CompletableFuture.failedFuture(internal("The upload ended before its body", null));
            }
            position = written;
            written += chunk.readableBytes();
            if (written > MAX_SIZE) {
                chunk.release();
                abort();
                return CompletableFuture.failedFuture(S3Errors.entityTooLarge());
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ByteBuffer bytes;
        try {
            bytes = chunk.nioBuffer();
        } catch (RuntimeException e) {
            chunk.release();
            abort();
            return CompletableFuture.failedFuture(internal("The upload could not be spooled", e));
        }
        writeFully(bytes, position, chunk, done);
        return done;
    }

    /** Writes all of {@code bytes} at {@code position}, then releases {@code chunk} and completes {@code done}. */
    private void writeFully(ByteBuffer bytes, long position, ByteBuf chunk, CompletableFuture<Void> done) {
        try {
            channel.write(bytes, position, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void ignored) {
                    if (bytes.hasRemaining()) {
                        writeFully(bytes, position + n, chunk, done);
                        return;
                    }
                    chunk.release();
                    done.complete(null);
                }

                @Override
                public void failed(Throwable e, Void ignored) {
                    chunk.release();
                    abort();
                    done.completeExceptionally(internal("The upload could not be spooled", e));
                }
            });
        } catch (RuntimeException e) {
            // The channel was closed by an abort that came while the client's next piece was on its way.
            chunk.release();
            abort();
            done.completeExceptionally(internal("The upload could not be spooled", e));
        }
    }

    /** The upstream computes the ETag. */
    @Override
    public boolean needsMd5() {
        return false;
    }

    @Override
    public CompletionStage<R> commit(BodyDigest digest) {
        CompletableFuture<T> upstream;
        synchronized (this) {
            if (ended) {
                return CompletableFuture.failedFuture(internal("The upload was abandoned", null));
            }
            ended = true;
            try {
                channel.close();
            } catch (IOException e) {
                delete(file);
                return CompletableFuture.failedFuture(internal("The upload could not be spooled", e));
            }
            if (digest.size() != written) {
                delete(file);
                return CompletableFuture.failedFuture(S3Errors.incompleteBody());
            }
            try {
                upstream = send.apply(new FileBody(AsyncRequestBody.fromFile(file)), digest);
            } catch (RuntimeException e) {
                delete(file);
                return CompletableFuture.failedFuture(errors.map(e));
            }
            response = upstream;
        }
        return upstream.handle((r, e) -> {
            delete(file);
            if (e != null) {
                throw errors.map(e);
            }
            return result.apply(r, digest);
        });
    }

    @Override
    public void abort() {
        CompletableFuture<T> upstream;
        synchronized (this) {
            boolean first = !ended;
            ended = true;
            upstream = response;
            if (first) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the file goes anyway
                }
            }
        }
        if (upstream != null) {
            upstream.cancel(true);
        }
        delete(file);
    }

    /**
     * The spool file as the upload's body: its length, and the type {@link StreamedBody} gives (the SDK sends a
     * body's type when the request names none; the file's would be guessed from its name).
     */
    private record FileBody(AsyncRequestBody file) implements AsyncRequestBody {
        @Override
        public Optional<Long> contentLength() {
            return file.contentLength();
        }

        @Override
        public String contentType() {
            return ObjectProperties.DEFAULT_CONTENT_TYPE;
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> s) {
            file.subscribe(s);
        }
    }

    /** A 500 for a spool failure; the cause (with the file's path) goes to the gateway's log, not to the client. */
    private static BlobStoreException internal(String message, Throwable cause) {
        return new BlobStoreException("InternalError", 500, message + ".", cause);
    }

    /** Deletes the spool file; idempotent, never throws. */
    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing more can be done; the name says what it was
        }
    }
}
