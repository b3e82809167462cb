package io.trustgate.s3.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The two ways a request body is taken, as {@link HttpExchange.BodyConsumer}s fed by the exchange: whole, into a
 * byte array (the small XML bodies of bucket and multipart operations), or streamed into a backend's
 * {@link BlobWriter} (object bodies). Both decode the wire framing (aws-chunked, signatures, trailers) with a
 * {@link BodyDecoder} as the chunks come.
 */
final class BodyConsumers {

    private BodyConsumers() {
    }

    /** Collects the decoded body; {@code result} completes with its bytes once the last chunk verified. */
    static HttpExchange.BodyConsumer collect(BodyDecoder decoder, ByteBufAllocator alloc,
                                             CompletableFuture<byte[]> result) {
        CompositeByteBuf body = alloc.compositeBuffer(Integer.MAX_VALUE);
        return new HttpExchange.BodyConsumer() {
            @Override
            public CompletionStage<Void> accept(HttpContent content, boolean last) {
                try {
                    decoder.decode(content.content(), piece -> body.addComponent(true, piece));
                } catch (RuntimeException e) {
                    body.release();
                    throw e;
                } finally {
                    content.release();
                }
                if (last) {
                    try {
                        decoder.finish();
                        result.complete(ByteBufUtil.getBytes(body));
                    } finally {
                        body.release();
                    }
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void fail(Throwable error) {
                if (body.refCnt() > 0) {
                    body.release();
                }
                result.completeExceptionally(error);
            }
        };
    }

    /**
     * Writes each decoded piece to {@code writer} as it comes (the pieces of one wire chunk as one buffer); the
     * next chunk is taken when the write completes. {@code digest} completes with the verified body digest after
     * the last write, on {@code executor} (the event loop), or fails with the body.
     */
    static HttpExchange.BodyConsumer stream(BodyDecoder decoder, ByteBufAllocator alloc, BlobWriter<?> writer,
                                            CompletableFuture<BodyDigest> digest, Executor executor) {
        return new HttpExchange.BodyConsumer() {
            @Override
            public CompletionStage<Void> accept(HttpContent content, boolean last) {
                ByteBuf[] out = new ByteBuf[1];
                CompositeByteBuf[] many = new CompositeByteBuf[1];
                try {
                    decoder.decode(content.content(), piece -> {
                        if (out[0] == null) {
                            out[0] = piece;
                        } else {
                            if (many[0] == null) {
                                many[0] = alloc.compositeBuffer(Integer.MAX_VALUE);
                                many[0].addComponent(true, out[0]);
                                out[0] = many[0];
                            }
                            many[0].addComponent(true, piece);
                        }
                    });
                } catch (RuntimeException e) {
                    ReferenceCountUtil.release(out[0]);
                    throw e;
                } finally {
                    content.release();
                }
                CompletionStage<Void> written = out[0] == null ? CompletableFuture.completedFuture(null)
                        : writer.write(out[0]);
                if (!last) {
                    return written;
                }
                return written.thenRunAsync(() -> digest.complete(decoder.finish()), executor);
            }

            @Override
            public void fail(Throwable error) {
                digest.completeExceptionally(error);
            }
        };
    }
}
