package io.trustgate.gateway.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Answers one aggregated admin request. Routes: {@code GET /health} → 200 {@code {"status":"UP"}};
 * {@code GET /ready} → 200 {@code {"status":"READY"}} or 503 {@code {"status":"NOT_READY"}};
 * {@code GET /metrics} → Prometheus text format 0.0.4. A known path with another method gets 405 with
 * {@code Allow: GET}; any other path 404; a request the decoder could not parse 400. Stateless and shared by
 * every admin connection.
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;

    AdminHandler(PrometheusMeterRegistry registry, BooleanSupplier ready) {
        this.registry = registry;
        this.ready = ready;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response = respond(ctx, request);
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse respond(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return text(HttpResponseStatus.BAD_REQUEST, "bad request\n");
        }
        String path = new QueryStringDecoder(request.uri()).path();
        boolean known = path.equals("/health") || path.equals("/ready") || path.equals("/metrics");
        if (!known) {
            return text(HttpResponseStatus.NOT_FOUND, "not found; try /health, /ready or /metrics\n");
        }
        if (!request.method().equals(HttpMethod.GET)) {
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed; use GET\n");
            r.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            return r;
        }
        return switch (path) {
            case "/health" -> json(HttpResponseStatus.OK, "{\"status\":\"UP\"}");
            case "/ready" -> ready.getAsBoolean()
                    ? json(HttpResponseStatus.OK, "{\"status\":\"READY\"}")
                    : json(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"NOT_READY\"}");
            default -> metrics(ctx);
        };
    }

    private FullHttpResponse metrics(ChannelHandlerContext ctx) {
        ByteBuf body = ctx.alloc().buffer(16 * 1024);
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            registry.scrape(out, PROMETHEUS_CONTENT_TYPE);
        } catch (IOException | RuntimeException e) {
            body.release();
            LOG.warn("metrics scrape failed", e);
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "metrics scrape failed\n");
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE);
        return r;
    }

    private static FullHttpResponse json(HttpResponseStatus status, String body) {
        FullHttpResponse r = response(status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse r = response(status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return r;
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
