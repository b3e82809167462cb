/**
 * The blob backend SPI: what a backend must offer so that trustgate can serve the S3 REST API from it.
 *
 * <p>One interface, {@link io.trustgate.s3.spi.BlobStore}, plus its value types. A backend knows nothing about HTTP,
 * XML, SigV4 or S3 addressing: the server parses the request, authenticates it, checks the body's MD5 and checksums
 * while it streams, and calls the store with plain values. Backends live in the {@code translators} module (the
 * filesystem and Azure ones) or in {@code protocol-s3} (passthrough); all of this package is public for them.
 *
 * <p><b>Threading.</b> Every method may be called on a Netty event loop and must return without blocking: a backend
 * that does blocking IO (files, an SDK) runs it on its own bounded executor and completes the returned stage from
 * there. Stages may complete on any thread; the server hops back to its event loop. Calls on one
 * {@link io.trustgate.s3.spi.BlobWriter} or {@link io.trustgate.s3.spi.BlobReader} are never concurrent: the server
 * issues the next one only after the previous stage completed.
 *
 * <p><b>Bodies and backpressure.</b> Nothing holds a whole object in memory. Uploads are a
 * {@link io.trustgate.s3.spi.BlobWriter} the server feeds one chunk at a time; it stops reading from the socket
 * until the chunk's stage completes, so a slow disk slows the client down. Downloads are a
 * {@link io.trustgate.s3.spi.BlobReader} the server pulls one chunk at a time, only while the socket is writable;
 * a backend with a local file may instead offer it for zero-copy transfer
 * ({@link io.trustgate.s3.spi.BlobReader#localFile()}).
 *
 * <p><b>Capabilities.</b> Each store declares, in {@link io.trustgate.s3.spi.BlobCapabilities}, how it supplies
 * every optional feature (native, emulated, refused, with the reason); the server refuses and picks copy paths
 * with that declaration, and the compatibility doc is generated from it. Optional methods have defaults: the ones
 * for refused features fail with {@code 501 NotImplemented}, {@code uploadPartCopy}'s emulates the copy through
 * {@code openObject} and {@code uploadPart} ({@link io.trustgate.s3.spi.BlobPump}).
 *
 * <p><b>Buffers.</b> A {@link io.netty.buffer.ByteBuf} passed to {@code write} belongs to the writer, which must
 * release it (also on failure); a {@code ByteBuf} returned by {@code read} belongs to the server.
 *
 * <p><b>Errors.</b> Stages fail with {@link io.trustgate.s3.spi.BlobStoreException}, which carries the S3 error code
 * and HTTP status the client gets. Any other exception becomes {@code 500 InternalError}.
 *
 * <p><b>ETags</b> are the bare value without quotes: the lower-case hex MD5 of the body for single uploads, and
 * {@code <hex md5 of the concatenated binary part MD5s>-<part count>} for multipart ({@link
 * io.trustgate.s3.spi.ETags}). The server adds the quotes on the wire and strips them from what clients send.
 */
package io.trustgate.s3.spi;
