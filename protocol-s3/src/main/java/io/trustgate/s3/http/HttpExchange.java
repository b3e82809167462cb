package io.trustgate.s3.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.trustgate.s3.auth.Authentication;
import io.trustgate.s3.error.ErrorXml;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.operation.Exchange;
import io.trustgate.s3.operation.Operations;
import io.trustgate.s3.operation.S3Request;
import io.trustgate.s3.route.Addressing;
import io.trustgate.s3.route.BucketRouter;
import io.trustgate.s3.route.QueryParams;
import io.trustgate.s3.route.S3Operation;
import io.trustgate.s3.route.S3RequestClassifier;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One request on one connection, from its headers to the end of its response: parsing, authentication,
 * routing, dispatch, the body (queued until an operation attaches a consumer, then pumped with backpressure) and
 * the response. Runs only on the connection's event loop.
 */
final class HttpExchange implements Exchange {

    private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);
    static final long MAX_OBJECT_BODY = 5L * 1024 * 1024 * 1024;

    private final S3Context context;
    private final ChannelHandlerContext ctx;
    private final S3ServerHandler handler;
    private final HttpRequest httpRequest;
    private final long startNanos = System.nanoTime();
    private final boolean keepAlive;
    private final boolean bodyDeclared;
    private final ArrayDeque<HttpContent> pending = new ArrayDeque<>();

    private S3Request request;
    private BucketRouter.Route route;
    private Authentication auth = Authentication.anonymous();
    private BodyConsumer consumer;
    private boolean busy;
    private boolean lastReceived;
    private boolean bodyFailed;
    private boolean discarding;
    private boolean continueSent;
    private boolean responded;
    private boolean closeAfterResponse;
    private boolean finished;
    private int status;
    private ObjectStreamer streamer;
    private boolean inFlightEnded;
    /** The connection closed under this exchange; a body consumer attached later fails at once. */
    private boolean connectionClosed;
    /**
     * Why the body cannot be whole (its chunked framing broke, or the client's input ended before it did); a body
     * consumer attached later fails with it at once.
     */
    private BlobStoreException bodyMalformed;

    /** Takes one wire chunk of the body; owns and releases it. The stage completes when it is ready for more. */
    interface BodyConsumer {
        CompletionStage<Void> accept(HttpContent content, boolean last);

        void fail(Throwable error);
    }

    HttpExchange(S3Context context, ChannelHandlerContext ctx, S3ServerHandler handler, HttpRequest httpRequest) {
        this.context = context;
        this.ctx = ctx;
        this.handler = handler;
        this.httpRequest = httpRequest;
        this.keepAlive = HttpUtil.isKeepAlive(httpRequest);
        this.bodyDeclared = HttpUtil.isTransferEncodingChunked(httpRequest)
                || HttpUtil.getContentLength(httpRequest, 0L) > 0;
        if (httpRequest instanceof LastHttpContent) {
            lastReceived = true;
        }
        context.metrics.requestStarted();
    }

    private void endInFlight() {
        if (!inFlightEnded) {
            inFlightEnded = true;
            context.metrics.requestEnded();
        }
    }

    /** Parses, authenticates, routes and dispatches; any failure is answered as an S3 error. */
    void start() {
        String requestId = Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase();
        String uri = httpRequest.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        request = new S3Request(httpRequest.method().name(), rawPath, rawQuery, QueryParams.parse(""),
                httpRequest.headers(), null, null, S3Operation.METHOD_NOT_ALLOWED, requestId);
        try {
            BlobStoreException refused = RequestConformance.check(httpRequest);
            if (refused != null) {
                closeAfterResponse = true;
                if (httpRequest.decoderResult().cause() instanceof TooLongHttpHeaderException) {
                    nameResourceOfCutRequest(requestId);
                }
                throw refused;
            }
            if (!rawPath.startsWith("/")) {
                throw S3Errors.invalidUri();
            }
            QueryParams query;
            Addressing.Target target;
            try {
                query = QueryParams.parse(rawQuery);
                target = context.addressing.resolve(httpRequest.headers().get(HttpHeaderNames.HOST), rawPath);
            } catch (IllegalArgumentException e) {
                throw S3Errors.invalidUri();
            }
            S3Operation op = S3RequestClassifier.classify(request.method(), target.bucket(), target.key(), query,
                    httpRequest.headers().contains("x-amz-copy-source"));
            request = new S3Request(request.method(), rawPath, rawQuery, query, httpRequest.headers(),
                    target.bucket(), target.key(), op, requestId);
            auth = context.authenticator.authenticate(httpRequest, rawPath, rawQuery);
            if (target.bucket() != null) {
                route = context.router.route(target.bucket());
                if (route == null) {
                    throw BlobStoreException.noSuchBucket(target.bucket());
                }
            }
            if (auth.isAnonymous() && !(target.bucket() != null && Operations.isRead(op)
                    && context.isPublicRead(target.bucket()))) {
                throw S3Errors.accessDenied();
            }
        } catch (RuntimeException e) {
            respondError(e);
            return;
        }
        context.operations.dispatch(this);
    }

    /**
     * For a request whose header section was too large: Netty's decoder read its request line before giving up on
     * the headers and passes that message on, so the error can name the request's path as its resource, like any other
     * error. The bucket comes from the path, or from the Host header when that was read in time; when neither
     * resolves, the resource stays {@code /}.
     */
    private void nameResourceOfCutRequest(String requestId) {
        try {
            if (!request.rawPath().startsWith("/")) {
                return;
            }
            Addressing.Target target = context.addressing.resolve(httpRequest.headers().get(HttpHeaderNames.HOST),
                    request.rawPath());
            request = new S3Request(request.method(), request.rawPath(), request.rawQuery(), request.query(),
                    httpRequest.headers(), target.bucket(), target.key(), S3Operation.METHOD_NOT_ALLOWED, requestId);
        } catch (IllegalArgumentException e) {
            // a path that does not parse: the resource stays "/"
        }
    }

    // ---- body ----

    boolean acceptsContent() {
        return !lastReceived;
    }

    void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            malformedBody(content);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            lastReceived = true;
        }
        if (discarding || bodyFailed || finished) {
            content.release();
            if (last) {
                maybeFinish();
            } else {
                ctx.read();
            }
            return;
        }
        pending.add(content);
        pump();
    }

    /**
     * The client's end of input came before the end of the body (Netty's decoder then hands over nothing more): the
     * upload fails with 400 IncompleteBody, as a body shorter than its Content-Length does at AWS.
     */
    void inputClosed() {
        if (!lastReceived) {
            bodyBroken(S3Errors.incompleteBody());
        }
    }

    /**
     * Netty's decoder met a body it cannot frame (a chunk size that is not hex): it hands over an empty last piece
     * marked as failed and drops every later byte of the connection. That is no end of the body: the upload fails
     * with 400 IncompleteBody (nothing is stored).
     */
    private void malformedBody(HttpContent content) {
        content.release();
        bodyBroken(new BlobStoreException("IncompleteBody", 400, "The request body's chunked framing is malformed."));
    }

    /** No more body will come, and what came is not a whole body: fail it; the connection closes after the answer. */
    private void bodyBroken(BlobStoreException error) {
        lastReceived = true;
        closeAfterResponse = true;
        if (responded) {
            finished = true;
            releasePending();
            if (inFlightEnded) {
                ctx.close(); // the answer is out already
            }
            return;
        }
        bodyMalformed = error;
        if (consumer != null && !bodyFailed) {
            failBody(error);
        }
    }

    private void pump() {
        while (!busy && consumer != null && !bodyFailed && !pending.isEmpty()) {
            HttpContent c = pending.poll();
            boolean last = c instanceof LastHttpContent;
            CompletionStage<Void> stage;
            try {
                stage = consumer.accept(c, last);
            } catch (RuntimeException e) {
                failBody(e);
                return;
            }
            CompletableFuture<Void> f = stage.toCompletableFuture();
            if (f.isDone() && !f.isCompletedExceptionally()) {
                continue;
            }
            busy = true;
            f.whenCompleteAsync((v, error) -> {
                busy = false;
                if (error != null) {
                    failBody(error);
                } else {
                    pump();
                }
                if (responded) {
                    maybeFinish();
                }
            }, ctx.executor());
            return;
        }
        if (!busy && consumer != null && !bodyFailed && pending.isEmpty() && !lastReceived && ctx.channel().isActive()) {
            ctx.read();
        }
    }

    private void failBody(Throwable error) {
        bodyFailed = true;
        releasePending();
        if (consumer != null) {
            consumer.fail(error);
        }
    }

    private void releasePending() {
        while (!pending.isEmpty()) {
            pending.poll().release();
        }
    }

    private void attach(BodyConsumer c) {
        if (consumer != null) {
            throw new IllegalStateException("body already consumed");
        }
        consumer = c;
        if (connectionClosed) {
            // The client left while the backend was still opening its writer: whatever body had arrived was
            // released with the connection, so the consumer (and the writer it feeds) must be told now.
            failBody(clientClosed());
            return;
        }
        if (bodyMalformed != null) {
            failBody(bodyMalformed);
            return;
        }
        if (awaitsContinue()) {
            continueSent = true;
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        pump();
    }

    @Override
    public boolean awaitsContinue() {
        return !continueSent && !lastReceived && pending.isEmpty() && HttpUtil.is100ContinueExpected(httpRequest);
    }

    @Override
    public CompletionStage<byte[]> readBody() {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        BodyDecoder decoder;
        try {
            decoder = new BodyDecoder(auth, httpRequest.headers(), context.settings.maxXmlBodySize(), true);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        attach(BodyConsumers.collect(decoder, ctx.alloc(), result));
        return result;
    }

    @Override
    public <R> CompletionStage<R> streamBody(BlobWriter<R> writer) {
        BodyDecoder decoder;
        try {
            decoder = new BodyDecoder(auth, httpRequest.headers(), MAX_OBJECT_BODY, writer.needsMd5());
        } catch (RuntimeException e) {
            writer.abort();
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<BodyDigest> digest = new CompletableFuture<>();
        attach(BodyConsumers.stream(decoder, ctx.alloc(), writer, digest, ctx.executor()));
        CompletableFuture<R> result = new CompletableFuture<>();
        digest.thenCompose(writer::commit).whenComplete((value, error) -> {
            if (error != null) {
                writer.abort();
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    // ---- responses ----

    @Override
    public S3Request request() {
        return request;
    }

    @Override
    public BucketRouter.Route route() {
        return route;
    }

    @Override
    public BucketRouter router() {
        return context.router;
    }

    @Override
    public Executor executor() {
        return ctx.executor();
    }

    @Override
    public io.netty.channel.Channel channel() {
        return ctx.channel() instanceof io.netty.channel.socket.SocketChannel ? ctx.channel() : null;
    }

    private void commonHeaders(HttpResponse response) {
        HttpHeaders h = response.headers();
        h.set("x-amz-request-id", request.requestId());
        h.set("x-amz-id-2", request.requestId());
        h.set(HttpHeaderNames.DATE, DateHeader.now());
        h.set(HttpHeaderNames.SERVER, "trustgate");
        if (!lastReceived && bodyDeclared && (consumer == null || bodyFailed)) {
            closeAfterResponse = true;
        }
        if (closeAfterResponse || !keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, "close");
        } else if (httpRequest.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            h.set(HttpHeaderNames.CONNECTION, "keep-alive");
        }
    }

    private boolean claimResponse() {
        if (responded || !ctx.channel().isActive()) {
            return false;
        }
        responded = true;
        return true;
    }

    @Override
    public void respond(HttpResponseStatus status, HttpHeaders headers, byte[] xml) {
        if (!claimResponse()) {
            return;
        }
        ByteBuf body = xml == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(xml);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(headers);
        if (xml != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml");
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        commonHeaders(response);
        this.status = status.code();
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> responseWritten(f.isSuccess()));
    }

    @Override
    public void respondObject(HttpResponseStatus status, HttpHeaders headers, BlobReader reader, long offset,
                              long length) {
        if (!claimResponse()) {
            reader.close();
            return;
        }
        this.status = status.code();
        boolean head = httpRequest.method().equals(HttpMethod.HEAD);
        HttpResponse response = head || length == 0
                ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER)
                : new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().set(headers);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        commonHeaders(response);
        if (head || length == 0) {
            reader.close();
            ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> responseWritten(f.isSuccess()));
            return;
        }
        ctx.write(response);
        streamer = new ObjectStreamer(ctx, reader, offset, length, this::responseWritten);
        streamer.start();
    }

    @Override
    public void respondError(Throwable error) {
        BlobStoreException e = BlobStoreException.from(error);
        if (e.httpStatus() >= 500 && e.httpStatus() != 501 && e.httpStatus() != 505) {
            log.warn("S3 {} {} failed: {} {}", request.method(), request.resource(), e.code(), e.getMessage(),
                    e.getCause() == null ? e : e.getCause());
        }
        if (responded) {
            // A streamed body already started: the only honest signal left is to cut the connection.
            ctx.close();
            return;
        }
        context.metrics.error(e.code());
        HttpHeaders h = new io.netty.handler.codec.http.DefaultHttpHeaders();
        if (e instanceof S3Errors.RangeNotSatisfiable r) {
            h.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + r.size());
        }
        boolean noBody = e.httpStatus() == 304 || httpRequest.method().equals(HttpMethod.HEAD);
        respond(HttpResponseStatus.valueOf(e.httpStatus()), h,
                noBody ? null : ErrorXml.body(e, request.resource(), request.requestId()));
    }

    void writable() {
        if (streamer != null) {
            streamer.resume();
        }
    }

    private void responseWritten(boolean success) {
        streamer = null;
        endInFlight();
        context.metrics.request(request.operation(), route == null ? "" : route.name(),
                route == null ? "" : route.backendName(), status, System.nanoTime() - startNanos);
        if (!success || closeAfterResponse || !keepAlive) {
            finished = true;
            releasePending();
            if (success && !lastReceived) {
                handler.closeAfterUnreadBody(this);
            } else {
                ctx.close();
            }
            return;
        }
        if (!lastReceived) {
            if (consumer == null || bodyFailed) {
                // Small or empty declared body nobody consumed: drain it, then go on.
                discarding = true;
                releasePending();
                ctx.read();
                return;
            }
        }
        maybeFinish();
    }

    private void maybeFinish() {
        if (finished || !responded || streamer != null || !lastReceived || busy) {
            return;
        }
        if (!pending.isEmpty() && consumer != null && !bodyFailed) {
            return;
        }
        finished = true;
        releasePending();
        handler.exchangeDone(this);
    }

    private static BlobStoreException clientClosed() {
        return new BlobStoreException("IncompleteBody", 400, "The client closed the connection.");
    }

    /** The connection closed: abort whatever streams. */
    void channelClosed() {
        finished = true;
        connectionClosed = true;
        endInFlight();
        if (consumer != null && !bodyFailed && (!lastReceived || !pending.isEmpty())) {
            // Body bytes are still to come, or arrived but not yet handed over: either way they are lost now.
            failBody(clientClosed());
        }
        releasePending();
        if (streamer != null) {
            streamer.abort();
        }
    }
}
