package io.trustgate.s3.operation;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.trustgate.s3.route.BucketRouter;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobWriter;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One request in progress, as operations see it: the request, its route, its body and the ways to answer. The
 * HTTP handler implements it. Every method must be called on {@link #executor()}, the connection's event loop;
 * exactly one {@code respond*} call ends each exchange.
 */
public interface Exchange {

    S3Request request();

    /** The route of the addressed bucket (already checked to exist); null for service-level requests. */
    BucketRouter.Route route();

    /** All routes, for ListBuckets. */
    BucketRouter router();

    /** The connection's event loop; stages from backends must be continued here ({@code thenXxxAsync(.., executor())}). */
    Executor executor();

    /** The client's connection when it is a socket (for {@link io.trustgate.s3.spi.LoopLocalObjects}), else null. */
    default Channel channel() {
        return null;
    }

    /**
     * Whether the client sent {@code Expect: 100-continue} and waits for {@code 100 Continue} before it sends the
     * body (none of it has arrived, and the server has not said 100 yet).
     */
    default boolean awaitsContinue() {
        return false;
    }

    /**
     * The whole (small) request body, decoded from aws-chunked when needed and verified against the signed
     * payload hash; fails with {@code MalformedXML}-sized errors ({@code EntityTooLarge}) past the XML limit.
     * Sends {@code 100 Continue} when the client waits for it.
     */
    CompletionStage<byte[]> readBody();

    /**
     * Streams the request body into {@code writer} with backpressure, computing and verifying MD5, Content-MD5 and
     * {@code x-amz-checksum-*}, then commits it; aborts the writer on any failure. Sends {@code 100 Continue} when
     * the client waits for it.
     */
    <R> CompletionStage<R> streamBody(BlobWriter<R> writer);

    /** A response with an XML body (Content-Type application/xml); {@code xml} may be null for no body. */
    void respond(HttpResponseStatus status, HttpHeaders headers, byte[] xml);

    /**
     * A response whose body is {@code length} bytes of {@code reader} starting at {@code offset} (none for HEAD,
     * where only Content-Length is set); closes the reader when done.
     */
    void respondObject(HttpResponseStatus status, HttpHeaders headers, BlobReader reader, long offset, long length);

    /** The S3 error for {@code error} (a {@code BlobStoreException} or anything else as InternalError). */
    void respondError(Throwable error);
}
