package io.trustgate.s3.passthrough;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PutObjectRequest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetObject, HeadObject and PutObject forwarded on the client connection's own event loop: Netty's HTTP client
 * on {@link UpstreamConnections}, requests signed by {@link UpstreamSigner}, bodies through {@link LoopReader} and
 * {@link LoopWriter}. Used for plain-HTTP endpoints; HTTPS endpoints, and empty uploads or uploads of unknown
 * length, take the AWS SDK path of {@link S3PassthroughStore}.
 */
final class LoopObjects implements AutoCloseable {

    private final UpstreamConnections connections;
    private final UpstreamSigner signer;
    private final BackendErrors errors;

    LoopObjects(S3PassthroughSettings settings, BackendErrors errors) {
        this.connections = new UpstreamConnections(settings);
        this.signer = new UpstreamSigner(settings);
        this.errors = errors;
    }

    /** Whether requests to this endpoint can take this path. */
    static boolean supports(S3PassthroughSettings settings) {
        return "http".equalsIgnoreCase(settings.endpoint().getScheme());
    }

    UpstreamConnections connections() {
        return connections;
    }

    BackendErrors errors() {
        return errors;
    }

    CompletionStage<BlobReader> openObject(String bucket, String key, boolean headOnly, Channel client) {
        HttpRequest first;
        try {
            first = signer.sign(headOnly ? HttpMethod.HEAD : HttpMethod.GET, bucket, key,
                    Map.of("x-amz-checksum-mode", "ENABLED"), -1);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
        return LoopReader.open(this, client, key, first, (position, etag) -> signer.sign(HttpMethod.GET, bucket, key,
                Map.of("Range", "bytes=" + position + "-", "If-Match", Conversions.quote(etag)), -1));
    }

    CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request, Channel client) {
        if (request.contentLength() <= 0) {
            // Unknown length: no Content-Length to send. Empty: the upstream request would be complete with its
            // head, so the upstream could store it before the server verified the (empty) body; the SDK path
            // handles both.
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        properties(request.properties(), headers);
        if (request.conditions().ifMatch() != null) {
            headers.put("If-Match", Conversions.quote(request.conditions().ifMatch()));
        }
        if (request.conditions().ifNoneMatchAny()) {
            headers.put("If-None-Match", "*");
        }
        if (request.checksumAlgorithm() != null && request.checksumValue() != null) {
            headers.put("x-amz-checksum-" + request.checksumAlgorithm().toLowerCase(Locale.ROOT),
                    request.checksumValue());
        }
        HttpRequest head;
        try {
            head = signer.sign(HttpMethod.PUT, request.bucket(), request.key(), headers, request.contentLength());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
        return LoopWriter.open(this, client, request, head);
    }

    /** The content headers and user metadata of an upload, as S3 request headers. */
    static void properties(ObjectProperties p, Map<String, String> headers) {
        putIfSet(headers, "Content-Type", p.contentType());
        putIfSet(headers, "Content-Encoding", p.contentEncoding());
        putIfSet(headers, "Content-Disposition", p.contentDisposition());
        putIfSet(headers, "Content-Language", p.contentLanguage());
        putIfSet(headers, "Cache-Control", p.cacheControl());
        putIfSet(headers, "Expires", p.expires());
        p.userMetadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
    }

    private static void putIfSet(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    @Override
    public void close() {
        connections.close();
    }
}
