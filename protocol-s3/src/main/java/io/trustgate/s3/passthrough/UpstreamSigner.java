package io.trustgate.s3.passthrough;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.trustgate.s3.auth.PayloadMode;
import io.trustgate.s3.auth.SigV4Signer;
import io.trustgate.s3.route.PercentCodec;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds upstream requests for one object and signs them with the backend's keys ({@link SigV4Signer}: the day's
 * signing key cached, no SDK request objects), with {@code UNSIGNED-PAYLOAD} (or, for an aws-chunked upload with a
 * checksum trailer, {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}): the server in front has already verified the
 * client's payload signature and checksums, and hashing the body again before sending it would mean buffering it.
 */
final class UpstreamSigner {

    /**
     * Header maps without Netty's per-value validation: every name and value here is this class's own, from the
     * backend's config, or a client header the server's HTTP decoder has already validated.
     */
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory()
            .withValidation(false);

    /** The payload hash of an aws-chunked body with unsigned chunks and a trailer. */
    static final String STREAMING_UNSIGNED_TRAILER = PayloadMode.STREAMING_UNSIGNED_TRAILER.headerValue();

    private final SigV4Signer signer;
    private final String host;
    private final boolean pathStyle;

    UpstreamSigner(S3PassthroughSettings s) {
        this(s, Clock.systemUTC());
    }

    UpstreamSigner(S3PassthroughSettings s, Clock clock) {
        this.signer = new SigV4Signer(s.accessKey(), s.secretKey(), s.region(), "s3", clock);
        int port = s.endpoint().getPort();
        // The Host header the AWS SDK signs: the port unless it is 443 (or absent).
        this.host = s.endpoint().getHost() + (port > 0 && port != 443 ? ":" + port : "");
        this.pathStyle = s.pathStyle();
    }

    /**
     * A signed request for {@code bucket}/{@code key} with {@code headers} (names as S3 spells them); with
     * {@code contentLength} &gt;= 0 its body follows separately, otherwise it has none.
     */
    HttpRequest sign(HttpMethod method, String bucket, String key, Map<String, String> headers, long contentLength) {
        return sign(method, bucket, key, Map.of(), headers, contentLength);
    }

    /** Like {@link #sign(HttpMethod, String, String, Map, long)}, with query parameters (raw values). */
    HttpRequest sign(HttpMethod method, String bucket, String key, Map<String, String> query,
                     Map<String, String> headers, long contentLength) {
        return sign(method, bucket, key, query, headers, contentLength, SigV4Signer.UNSIGNED_PAYLOAD);
    }

    /**
     * Like {@link #sign(HttpMethod, String, String, Map, Map, long)}, with {@code payloadHash} as the
     * {@code x-amz-content-sha256} that the signature covers (e.g. {@link #STREAMING_UNSIGNED_TRAILER}, whose
     * {@code contentLength} is the encoded body's).
     */
    HttpRequest sign(HttpMethod method, String bucket, String key, Map<String, String> query,
                     Map<String, String> headers, long contentLength, String payloadHash) {
        String path = (pathStyle ? "/" + bucket + "/" : "/") + PercentCodec.encode(key);
        String canonicalQuery = SigV4Signer.canonicalQuery(query);
        Map<String, String> all = new LinkedHashMap<>(headers.size() + 2);
        all.put("Host", pathStyle ? host : bucket + "." + host);
        all.putAll(headers);
        if (contentLength >= 0) {
            all.put("Content-Length", Long.toString(contentLength));
        }
        SigV4Signer.Signed signed = signer.sign(method.name(), path, canonicalQuery, all, payloadHash);
        String uri = canonicalQuery.isEmpty() ? path : path + "?" + canonicalQuery;
        HttpRequest out = contentLength >= 0
                ? new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, HEADERS)
                : new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER, HEADERS,
                        TRAILERS);
        HttpHeaders h = out.headers();
        all.forEach(h::add);
        h.add("X-Amz-Date", signed.amzDate());
        h.add("x-amz-content-sha256", signed.payloadHash());
        h.add("Authorization", signed.authorization());
        if (contentLength < 0 && !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            h.set("Content-Length", "0");
        }
        return out;
    }
}
