package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A PutObject or UploadPart streamed upstream on the client connection's event loop: each decoded piece goes to
 * the upstream socket as it is (no copy), and a write completes at once while that socket takes more, else when it drains.
 * The piece that completes the declared length is held back until {@link #commit}, i.e. until the server has
 * verified the body's MD5 and checksums: a body that fails them never reaches the upstream whole (the connection
 * is closed short, and S3 stores nothing). An upstream answer that comes before the body ended (NoSuchBucket...)
 * fails the next write with that answer.
 *
 * <p>With an {@link AwsChunkedFraming} the body goes as {@code aws-chunked} with an unsigned trailer: each piece
 * framed as it goes, and the held-back piece leaves at commit with the final 0-size chunk and the trailer carrying
 * the checksum the server verified. A body that fails verification never gets its last piece, 0-size chunk or
 * trailer: the connection is closed short, as without framing. Event loop only.
 */
final class LoopWriter<T> implements BlobWriter<T>, UpstreamExchange.Receiver {

    /** What the upload's success answer (its head) and the verified body make. */
    interface Result<T> {
        T of(HttpResponse answer, BodyDigest digest);
    }

    private final LoopObjects objects;
    private final long length;
    /** The aws-chunked framing of an upload whose checksum goes upstream in a trailer; null for a plain body. */
    private final AwsChunkedFraming framing;
    private final ByteBufAllocator alloc;
    private final Result<T> made;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private UpstreamExchange exchange;
    private long sent;
    private ByteBuf held;
    private BodyDigest digest;
    private HttpResponse answer;
    private CompositeByteBuf errorBody;
    private boolean aborted;

    private LoopWriter(LoopObjects objects, long length, AwsChunkedFraming framing, ByteBufAllocator alloc,
                       Result<T> made) {
        this.objects = objects;
        this.length = length;
        this.framing = framing;
        this.alloc = alloc;
        this.made = made;
    }

    /**
     * Sends the request's head upstream (its body of {@code length} decoded bytes follows through the writer,
     * framed by {@code framing} when that is not null; &gt; 0 without framing); the writer once a connection took it.
     */
    static <T> CompletionStage<BlobWriter<T>> open(LoopObjects objects, Channel client, long length,
                                                   AwsChunkedFraming framing, HttpRequest head, Result<T> made) {
        LoopWriter<T> w = new LoopWriter<>(objects, length, framing, client.alloc(), made);
        return UpstreamExchange.start(objects.connections().pool(client), head, w).handle((e, error) -> {
            if (error != null) {
                throw objects.errors().map(error);
            }
            w.exchange = e;
            if (w.aborted) {
                e.abandon();
            }
            return (BlobWriter<T>) w;
        });
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        if (result.isDone() || aborted) {
            chunk.release();
            return CompletableFuture.failedFuture(failure(null));
        }
        int n = chunk.readableBytes();
        if (held != null || sent + n >= length) {
            if (held == null) {
                held = chunk;
            } else {
                held = Unpooled.wrappedBuffer(held, chunk);
            }
            return CompletableFuture.completedFuture(null);
        }
        sent += n;
        ByteBuf wire;
        try {
            wire = framing == null ? chunk : framing.frame(chunk, alloc);
        } catch (IllegalStateException e) {
            abort();
            return CompletableFuture.failedFuture(objects.errors().map(e));
        }
        return exchange.write(wire).exceptionallyCompose(e -> CompletableFuture.failedFuture(failure(e)));
    }

    /** The upstream computes the ETag. */
    @Override
    public boolean needsMd5() {
        return false;
    }

    @Override
    public CompletionStage<T> commit(BodyDigest digest) {
        this.digest = digest;
        ByteBuf last = held;
        held = null;
        if (result.isDone() || aborted) {
            if (last != null) {
                last.release();
            }
            return result.isDone() && !result.isCompletedExceptionally() ? result
                    : CompletableFuture.failedFuture(failure(null));
        }
        long total = sent + (last == null ? 0 : last.readableBytes());
        if (total != length || digest.size() != length) {
            if (last != null) {
                last.release();
            }
            abort();
            return CompletableFuture.failedFuture(S3Errors.incompleteBody());
        }
        ByteBuf out = last;
        if (framing != null) {
            try {
                out = framed(last, digest);
            } catch (IllegalStateException e) {
                abort();
                return CompletableFuture.failedFuture(new BlobStoreException("InternalError", 500,
                        "The upload could not be passed on with its checksum trailer: " + e.getMessage(), e));
            }
        }
        if (out != null) {
            sent = total;
            exchange.write(out);
        }
        exchange.end();
        return result;
    }

    @Override
    public void abort() {
        aborted = true;
        if (held != null) {
            held.release();
            held = null;
        }
        if (exchange != null) {
            exchange.abandon();
        }
        result.completeExceptionally(new IOException("the client's upload ended early; the upstream request is "
                + "abandoned"));
    }

    /**
     * The held-back piece (owned, may be null) framed, then the 0-size chunk and the trailer with the verified
     * value.
     */
    private ByteBuf framed(ByteBuf last, BodyDigest digest) {
        ByteBuf body = last == null ? null : framing.frame(last, alloc);
        ByteBuf tail;
        try {
            tail = framing.end(framing.valueIn(digest), alloc);
        } catch (IllegalStateException e) {
            if (body != null) {
                body.release();
            }
            throw e;
        }
        return body == null ? tail : alloc.compositeDirectBuffer(2).addComponents(true, body, tail);
    }

    /** The upstream's own answer when it came, else {@code error} mapped. */
    private RuntimeException failure(Throwable error) {
        if (result.isCompletedExceptionally()) {
            try {
                result.join();
            } catch (RuntimeException e) {
                return objects.errors().map(e);
            }
        }
        return objects.errors().map(error == null ? new IOException("the upload was abandoned") : error);
    }

    // ---- the upstream answer ----

    @Override
    public void head(HttpResponse response) {
        answer = response;
        if (response.status().code() != 200) {
            errorBody = Unpooled.compositeBuffer();
        }
    }

    @Override
    public void content(ByteBuf piece, boolean last) {
        if (errorBody != null && errorBody.readableBytes() < UpstreamAnswers.MAX_ERROR_BODY && piece.isReadable()) {
            errorBody.addComponent(true, piece);
        } else {
            piece.release();
        }
        if (!last) {
            return;
        }
        if (errorBody != null) {
            try {
                result.completeExceptionally(UpstreamAnswers.error(objects.errors(), answer.status().code(),
                        errorBody));
            } finally {
                errorBody.release();
                errorBody = null;
            }
        } else if (digest == null) {
            result.completeExceptionally(objects.errors().unavailable("it answered 200 before the body ended", null));
        } else {
            result.complete(made.of(answer, digest));
        }
    }

    @Override
    public void failed(Throwable error) {
        if (errorBody != null) {
            errorBody.release();
            errorBody = null;
        }
        result.completeExceptionally(objects.errors().map(error));
    }
}
