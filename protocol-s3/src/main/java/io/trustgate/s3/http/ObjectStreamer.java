package io.trustgate.s3.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.trustgate.s3.spi.BlobReader;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Writes an object body after its response headers: zero-copy ({@code sendfile} through a
 * {@link DefaultFileRegion}) when the backend offers a local file and the connection is not TLS, by the reader
 * itself when it offers to ({@link BlobReader#transferTo}: a passthrough splicing sockets), otherwise by
 * pulling chunks from the reader only while the channel is writable (a chunk the reader has at once is written in
 * the same call, and the last one together with the end of the response, so a small object leaves with its
 * headers in one flush). Closes the reader at the end. Event loop only.
 */
final class ObjectStreamer {

    static final int CHUNK = 256 * 1024;

    private final ChannelHandlerContext ctx;
    private final BlobReader reader;
    private final long end;
    private final Consumer<Boolean> done;
    private long position;
    private boolean waiting;
    private boolean closed;

    ObjectStreamer(ChannelHandlerContext ctx, BlobReader reader, long offset, long length, Consumer<Boolean> done) {
        this.ctx = ctx;
        this.reader = reader;
        this.position = offset;
        this.end = offset + length;
        this.done = done;
    }

    void start() {
        boolean plain = ctx.pipeline().get(SslHandler.class) == null;
        Optional<BlobReader.LocalFile> file = plain ? reader.localFile() : Optional.empty();
        if (file.isPresent()) {
            BlobReader.LocalFile f = file.get();
            ctx.write(new DefaultFileRegion(f.channel(), f.offset() + position, end - position));
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) fu ->
                    finish(fu.isSuccess()));
            return;
        }
        Optional<CompletionStage<Void>> transfer = plain ? reader.transferTo(ctx, position, end - position)
                : Optional.empty();
        if (transfer.isPresent()) {
            // The reader writes the body itself (a passthrough splicing the upstream socket into this one); the
            // response ends when it has, on this event loop.
            transfer.get().whenComplete((v, error) -> {
                if (closed) {
                    return;
                }
                if (error != null) {
                    ctx.close();
                    finish(false);
                    return;
                }
                position = end;
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) fu ->
                        finish(fu.isSuccess()));
            });
            return;
        }
        next();
    }

    private void next() {
        if (closed) {
            return;
        }
        if (position >= end) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) fu ->
                    finish(fu.isSuccess()));
            return;
        }
        if (!ctx.channel().isWritable()) {
            waiting = true;
            ctx.flush();
            return;
        }
        int want = (int) Math.min(CHUNK, end - position);
        CompletableFuture<ByteBuf> read = reader.read(position, want, ctx.alloc()).toCompletableFuture();
        if (read.isDone() && want == end - position) {
            // The last chunk, already there (a small object served from memory): go on in this call, so headers
            // and body leave in one write. Only the last, so this never recurses.
            ByteBuf buf = null;
            Throwable error = null;
            try {
                buf = read.join();
            } catch (CompletionException | CancellationException e) {
                error = e;
            }
            onChunk(buf, error);
            return;
        }
        read.whenCompleteAsync(this::onChunk, ctx.executor());
    }

    private void onChunk(ByteBuf buf, Throwable error) {
        if (closed) {
            if (buf != null) {
                buf.release();
            }
            return;
        }
        if (error != null || !buf.isReadable()) {
            if (buf != null) {
                buf.release();
            }
            ctx.close();
            finish(false);
            return;
        }
        position += buf.readableBytes();
        if (position >= end) {
            ctx.writeAndFlush(new DefaultLastHttpContent(buf)).addListener((ChannelFutureListener) fu ->
                    finish(fu.isSuccess()));
            return;
        }
        ctx.writeAndFlush(new DefaultHttpContent(buf));
        next();
    }

    /**
     * The channel became writable again. Only {@link #next()} starts a read, and it sets {@code waiting} instead of
     * starting one; it runs again only from here or when a read completes, so while waiting no read is in flight.
     */
    void resume() {
        if (waiting) {
            waiting = false;
            next();
        }
    }

    /** The connection went away. */
    void abort() {
        finish(false);
    }

    private void finish(boolean success) {
        if (closed) {
            return;
        }
        closed = true;
        reader.close();
        done.accept(success);
    }
}
