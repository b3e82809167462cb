package io.trustgate.bench.s3;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One closed-loop client of the raw generator: a keep-alive HTTP/1.1 connection that sends a signed request, checks
 * its response (status, ETag, GET body byte for byte) as it streams in, records the latency or the error, and then
 * sends the next, until its plan returns null or the deadline passes. A connection the server closes (or that
 * fails) ends the request on it as an error; the next request opens a new one. Everything after {@link #run} runs on
 * the connection's event loop.
 */
final class RawClient {

    /** The next request of this client, or null when it has no more. */
    interface Plan {
        RawRequest next(int client, int seq);
    }

    private final int id;
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final String host;
    private final Supplier<SigV4Signer> signer;
    private Channel channel;
    private Plan plan;
    private long deadline;
    private Samples samples;
    private Errors errors;
    private CompletableFuture<Void> done;
    private int seq;
    // the request in flight
    private RawRequest request;
    private long started;
    private int status;
    private int received;
    private String failure;
    private StringBuilder errorBody;
    private boolean closeAfter;

    RawClient(int id, Bootstrap bootstrap, InetSocketAddress address, Supplier<SigV4Signer> signer) {
        this.id = id;
        this.bootstrap = bootstrap;
        this.address = address;
        this.host = address.getHostString() + ":" + address.getPort();
        this.signer = signer;
    }

    /** Runs {@code plan} until it ends or {@code deadlineNanos}; completes when the last response is in. */
    CompletableFuture<Void> run(Plan plan, long deadlineNanos, Samples samples, Errors errors) {
        this.plan = plan;
        this.deadline = deadlineNanos;
        this.samples = samples;
        this.errors = errors;
        this.seq = 0;
        this.done = new CompletableFuture<>();
        if (channel != null && channel.isActive()) {
            channel.eventLoop().execute(this::next);
        } else {
            connectThenNext();
        }
        return done;
    }

    void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    private void connectThenNext() {
        bootstrap.clone().handler(new io.netty.channel.ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                // Content parts as large as a read (up to 1 MiB) rather than 8 KiB: fewer objects per 1 MiB GET.
                ch.pipeline().addLast(new HttpClientCodec(new HttpDecoderConfig().setMaxChunkSize(1 << 20), false,
                        false), new Handler());
            }
        }).connect(address).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                channel = f.channel();
                next();
            } else {
                errors.record("client " + id + " cannot connect to " + host + ": " + f.cause());
                done.complete(null);
            }
        });
    }

    private void next() {
        if (System.nanoTime() >= deadline) {
            done.complete(null);
            return;
        }
        RawRequest r = plan.next(id, seq++);
        if (r == null) {
            done.complete(null);
            return;
        }
        if (channel == null || !channel.isActive()) {
            seq--;
            connectThenNext();
            return;
        }
        request = r;
        status = 0;
        received = 0;
        failure = null;
        errorBody = null;
        closeAfter = false;
        started = System.nanoTime();
        channel.writeAndFlush(build(r)).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                finish("write failed: " + f.cause());
            }
        });
    }

    private FullHttpRequest build(RawRequest r) {
        ByteBuf content = r.body() == null ? Unpooled.EMPTY_BUFFER : r.body().duplicate();
        FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(r.method()),
                r.encodedPath(), content);
        SigV4Signer.Signed s = signer.get().sign(r.method(), r.encodedPath(), r.bodySha256(), Instant.now());
        HttpHeaders h = out.headers();
        h.set(HttpHeaderNames.HOST, host);
        h.set("x-amz-date", s.amzDate());
        h.set("x-amz-content-sha256", s.payloadSha256());
        h.set(HttpHeaderNames.AUTHORIZATION, s.authorization());
        if (!"GET".equals(r.method())) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
        return out;
    }

    /** Ends the request in flight: a latency sample when {@code error} is null, else an error; then the next one. */
    private void finish(String error) {
        RawRequest r = request;
        if (r == null) {
            return;
        }
        request = null;
        if (error == null) {
            samples.add(System.nanoTime() - started);
        } else {
            errors.record(r.method() + " " + r.encodedPath() + ": " + error);
        }
        if (closeAfter || error != null) {
            Channel c = channel;
            channel = null;
            if (c != null) {
                c.close();
            }
        }
        next();
    }

    private void onHead(HttpResponse response) {
        RawRequest r = request;
        status = response.status().code();
        closeAfter = !HttpUtil.isKeepAlive(response);
        boolean statusOk = status == 200 || (r.conflictOk() && status == 409);
        if (!statusOk) {
            failure = "status " + status;
            errorBody = new StringBuilder();
        } else if (status == 200 && r.expectEtag() != null) {
            String etag = response.headers().get(HttpHeaderNames.ETAG);
            if (etag == null || !etag.equals('"' + r.expectEtag() + '"')) {
                failure = "ETag " + etag + ", expected \"" + r.expectEtag() + '"';
            }
        }
    }

    private void onContent(ByteBuf part) {
        int n = part.readableBytes();
        byte[] expect = request.expectBody();
        if (errorBody != null) {
            if (errorBody.length() < 400) {
                errorBody.append(part.toString(StandardCharsets.UTF_8));
            }
        } else if (expect != null && failure == null) {
            // ByteBuffer.mismatch is vectorised; ByteBufUtil.equals compares a long at a time and cost the
            // generator more CPU than the server spent on a 1 MiB GET.
            if (received + n > expect.length || part.nioBuffer(part.readerIndex(), n)
                    .mismatch(ByteBuffer.wrap(expect, received, n)) != -1) {
                failure = "body differs from the object written (at or after byte " + received + ")";
            }
        }
        received += n;
    }

    private void onEnd() {
        RawRequest r = request;
        if (failure == null && r.expectBody() != null && received != r.expectBody().length) {
            failure = "body of " + received + " bytes, expected " + r.expectBody().length;
        }
        String error = failure == null ? null
                : errorBody == null ? failure : failure + ": " + errorBody.toString().replaceAll("\\s+", " ");
        finish(error);
    }

    /** Feeds one connection's response parts to the client. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (request == null || ctx.channel() != channel) {
                    return; // nothing in flight on this connection: ignore (an unsolicited close follows)
                }
                if (msg instanceof HttpResponse response) {
                    onHead(response);
                }
                if (msg instanceof HttpContent content) {
                    onContent(content.content());
                    if (content instanceof LastHttpContent) {
                        onEnd();
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                channel = null;
                finish("connection closed before the response ended");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() == channel) {
                channel = null;
                finish("connection failed: " + cause);
            }
            ctx.close();
        }
    }
}
