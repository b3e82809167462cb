package io.trustgate.s3;

import io.netty.handler.ssl.SslContext;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one S3 listener needs besides its routes; validated and frozen by the gateway's config loader.
 *
 * @param name                listener name (metrics tag)
 * @param virtualHostSuffixes host suffixes for virtual-hosted-style addressing ({@code s3.localhost} makes
 *                            {@code bkt.s3.localhost} address bucket {@code bkt}); empty for path style only
 * @param credentials         access key id to secret key
 * @param publicReadBuckets   bucket names or globs anonymous clients may read
 * @param ssl                 server TLS context, or null for plain HTTP
 * @param maxHeaderSize       largest header section in bytes (larger gets 400 RequestHeaderSectionTooLarge)
 * @param maxXmlBodySize      largest XML request body (DeleteObjects, CompleteMultipartUpload...)
 * @param clock               for SigV4 time checks
 * @param idleTimeout         a connection with no request in progress this long is closed; zero: never
 * @param requestTimeout      a request body that sends no byte this long (while the gateway waits for one) gets
 *                            {@code 400 RequestTimeout} and the connection is closed; zero: never
 */
public record S3ListenerSettings(String name, List<String> virtualHostSuffixes, Map<String, String> credentials,
                                 List<String> publicReadBuckets, SslContext ssl, int maxHeaderSize,
                                 int maxXmlBodySize, Clock clock, Duration idleTimeout, Duration requestTimeout) {

    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    public static final int DEFAULT_MAX_XML_BODY_SIZE = 2 * 1024 * 1024;
    /** Idle keep-alive connections are closed after this (AWS closes them sooner, after about 20 s). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** A stalled request body gets {@code RequestTimeout} after this (AWS: about 20 s). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    public S3ListenerSettings {
        Objects.requireNonNull(name);
        virtualHostSuffixes = List.copyOf(virtualHostSuffixes);
        credentials = Map.copyOf(credentials);
        publicReadBuckets = List.copyOf(publicReadBuckets);
        if (maxHeaderSize < 1024 || maxXmlBodySize < 1024) {
            throw new IllegalArgumentException("limits too small");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (idleTimeout.isNegative() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout");
        }
    }

    /** With the default timeouts. */
    public S3ListenerSettings(String name, List<String> virtualHostSuffixes, Map<String, String> credentials,
                              List<String> publicReadBuckets, SslContext ssl, int maxHeaderSize, int maxXmlBodySize,
                              Clock clock) {
        this(name, virtualHostSuffixes, credentials, publicReadBuckets, ssl, maxHeaderSize, maxXmlBodySize, clock,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** Plain HTTP, default limits, system clock. */
    public static S3ListenerSettings of(String name, List<String> suffixes, Map<String, String> credentials,
                                        List<String> publicReadBuckets) {
        return new S3ListenerSettings(name, suffixes, credentials, publicReadBuckets, null, DEFAULT_MAX_HEADER_SIZE,
                DEFAULT_MAX_XML_BODY_SIZE, Clock.systemUTC());
    }

    public S3ListenerSettings withSsl(SslContext context) {
        return new S3ListenerSettings(name, virtualHostSuffixes, credentials, publicReadBuckets, context,
                maxHeaderSize, maxXmlBodySize, clock, idleTimeout, requestTimeout);
    }

    public S3ListenerSettings withTimeouts(Duration idle, Duration request) {
        return new S3ListenerSettings(name, virtualHostSuffixes, credentials, publicReadBuckets, ssl,
                maxHeaderSize, maxXmlBodySize, clock, idle, request);
    }
}
