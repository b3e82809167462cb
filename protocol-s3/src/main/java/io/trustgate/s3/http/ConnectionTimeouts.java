package io.trustgate.s3.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.trustgate.s3.error.ErrorXml;
import io.trustgate.s3.spi.BlobStoreException;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The two clocks of an S3 connection, between the HTTP codec and the S3 handler:
 * <ul>
 *   <li><b>idle</b>: no request in progress (between keep-alive requests, or a request whose header section has not
 *       arrived whole) for {@code idleTimeout}: the connection is closed without a response, as S3 does;</li>
 *   <li><b>request body</b>: a request whose body is still arriving, with a read asked for and no byte received for
 *       {@code requestTimeout}: {@code 400 RequestTimeout} with the S3 XML error, then the connection is closed
 *       (the S3 handler aborts the backend write on close, so nothing is stored).</li>
 * </ul>
 * A response still going out is no idle time either, however slowly the client reads it.
 * Time spent while the gateway itself does not read (backpressure from a slow backend, or a request whose body is
 * complete and which waits for its backend) never counts: the body clock runs only while a read is pending. Checked
 * by a task on the channel's event loop every quarter of the shorter timeout; all state is event-loop confined.
 */
public final class ConnectionTimeouts extends ChannelDuplexHandler {

    private enum State { IDLE, BODY, PROCESSING }

    private final long idleNanos;
    private final long requestNanos;
    private final LongSupplier nanoTime;
    private State state = State.IDLE;
    private boolean readPending;
    private boolean responded;
    /** Requests seen on this connection: a response's end that goes out late belongs to the request it answers. */
    private long requests;
    private long since;
    private ScheduledFuture<?> check;

    /** @param idleTimeout and @param requestTimeout are positive; {@link Duration#ZERO} turns that clock off */
    public ConnectionTimeouts(Duration idleTimeout, Duration requestTimeout) {
        this(idleTimeout, requestTimeout, System::nanoTime);
    }

    ConnectionTimeouts(Duration idleTimeout, Duration requestTimeout, LongSupplier nanoTime) {
        this.idleNanos = idleTimeout.toNanos();
        this.requestNanos = requestTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        since = nanoTime.getAsLong();
        long shortest = Math.min(idleNanos > 0 ? idleNanos : Long.MAX_VALUE,
                requestNanos > 0 ? requestNanos : Long.MAX_VALUE);
        if (shortest != Long.MAX_VALUE) {
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), shortest / 4);
            check = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void read(ChannelHandlerContext ctx) throws Exception {
        if (!readPending) {
            readPending = true;
            since = nanoTime.getAsLong();
        }
        super.read(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        readPending = false;
        since = nanoTime.getAsLong();
        if (msg instanceof HttpRequest) {
            state = State.BODY;
            responded = false;
            requests++;
        }
        if (msg instanceof LastHttpContent && state == State.BODY) {
            state = State.PROCESSING;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().code() >= 200) {
            responded = true;
        }
        if (msg instanceof LastHttpContent && responded && state == State.PROCESSING) {
            // Idle once the response's end has gone out, not once it was queued: a body queued whole at once (a
            // file region, sent zero-copy) leaves only as fast as the client reads it, which may take minutes.
            long request = requests;
            promise = promise.unvoid();
            promise.addListener(f -> {
                if (requests == request && state == State.PROCESSING) {
                    state = State.IDLE;
                    since = nanoTime.getAsLong();
                }
            });
        }
        super.write(ctx, msg, promise);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            cancel();
            return;
        }
        long waited = nanoTime.getAsLong() - since;
        if (state == State.IDLE && idleNanos > 0 && waited >= idleNanos) {
            cancel();
            ctx.close();
        } else if (state == State.BODY && readPending && requestNanos > 0 && waited >= requestNanos) {
            cancel();
            if (responded) {
                ctx.close();
                return;
            }
            responded = true;
            ctx.writeAndFlush(requestTimeout()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse requestTimeout() {
        String requestId = Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase(Locale.ROOT);
        byte[] xml = ErrorXml.body(new BlobStoreException("RequestTimeout", 400, "Your socket connection to the "
                + "server was not read from or written to within the timeout period. Idle connections will be "
                + "closed."), "", requestId);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(xml));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, xml.length)
                .set(HttpHeaderNames.CONNECTION, "close")
                .set("x-amz-request-id", requestId);
        return response;
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
