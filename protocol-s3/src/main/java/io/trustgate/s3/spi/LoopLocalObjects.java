package io.trustgate.s3.spi;

import io.netty.channel.Channel;

import java.util.concurrent.CompletionStage;

/**
 * Optional for a {@link BlobStore}: GetObject, HeadObject, PutObject and UploadPart whose backend I/O runs on the
 * event loop of the client's connection (no hand-over to another thread, buffers passed on without a copy). When a
 * store implements it, the server calls these instead of {@link BlobStore#openObject} / {@link BlobStore#putObject}
 * / {@link BlobStore#uploadPart}; a {@code null} answer means "not for this request", and the server then makes
 * the {@code BlobStore} call. Every method is called on {@code client}'s event loop and its stages complete there.
 */
public interface LoopLocalObjects {

    /**
     * Like {@link BlobStore#openObject}; with {@code headOnly} the reader serves {@link BlobReader#info()} only
     * (HeadObject), and the server never reads from it.
     */
    CompletionStage<BlobReader> openObject(String bucket, String key, boolean headOnly, Channel client);

    /**
     * Like {@link #openObject(String, String, boolean, Channel)}, with the client's range and read conditions for
     * a backend that can have its upstream answer them (see {@link ReadHints}: the server still decides).
     */
    default CompletionStage<BlobReader> openObject(String bucket, String key, boolean headOnly, ReadHints hints,
                                                   Channel client) {
        return openObject(bucket, key, headOnly, client);
    }

    /** Like {@link BlobStore#putObject}. */
    CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request, Channel client);

    /** Like {@link BlobStore#uploadPart}; by default not for any request. */
    default CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest request, Channel client) {
        return null;
    }
}
