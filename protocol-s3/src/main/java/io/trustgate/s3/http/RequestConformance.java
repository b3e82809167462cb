package io.trustgate.s3.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.util.NetUtil;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobStoreException;

import java.util.List;

/**
 * Whether a request head can be served at all, before anything looks at what it means: Netty's decoder read it
 * (else 400 RequestHeaderSectionTooLarge, InvalidURI or InvalidRequest), its HTTP version is one the server
 * speaks (major version 1, else 505; a later 1.x minor is served as HTTP/1.1, RFC 9110 section 2.5) and it has one
 * valid Host header (RFC 9112 section 3.2: an HTTP/1.1 request without one, any request with two, or one that is
 * not {@code host[:port]} is 400; HTTP/1.0 may leave it out). Netty's decoder takes any {@code NAME/d.d} as a
 * version and leaves Host alone, hence these checks. Stateless; the server answers a request that fails them and
 * closes the connection.
 */
final class RequestConformance {

    private RequestConformance() {
    }

    /**
     * The error to answer {@code request} with, or null when it passes: first what Netty's decoder could not read
     * (a header section or request line too long, or malformed), then the version, then Host.
     */
    static BlobStoreException check(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            return cause instanceof TooLongHttpHeaderException ? S3Errors.headerTooLarge()
                    : cause instanceof TooLongFrameException ? S3Errors.invalidUri()
                    : S3Errors.invalidRequest("Malformed HTTP request");
        }
        HttpVersion version = request.protocolVersion();
        if (!"HTTP".equals(version.protocolName())) {
            return S3Errors.invalidRequest("Malformed HTTP request");
        }
        if (version.majorVersion() != 1) {
            return S3Errors.httpVersionNotSupported(version.text());
        }
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return S3Errors.invalidRequest("Multiple Host headers are not allowed");
        }
        if (hosts.isEmpty()) {
            return version.minorVersion() == 0 ? null
                    : S3Errors.invalidRequest("Missing required header for this request: Host");
        }
        return validHost(hosts.get(0)) ? null : S3Errors.invalidRequest("Invalid Host header");
    }

    /**
     * Whether {@code value} is {@code uri-host [ ":" port ]} (RFC 3986 section 3.2.2): an IP literal in brackets, or
     * a registered name or IPv4 address (unreserved, sub-delims and percent-encoded octets; may be empty), then an
     * optional port of digits.
     */
    static boolean validHost(String value) {
        int end = value.length();
        int hostEnd;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || !ipLiteral(value.substring(1, close))) {
                return false;
            }
            hostEnd = close + 1;
        } else {
            int colon = value.indexOf(':');
            hostEnd = colon < 0 ? end : colon;
            if (!regName(value, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == end) {
            return true;
        }
        if (value.charAt(hostEnd) != ':') {
            return false;
        }
        for (int i = hostEnd + 1; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** IPv6 address, or IPvFuture ({@code v<hex>.<chars>}). */
    private static boolean ipLiteral(String inner) {
        if (inner.length() > 1 && (inner.charAt(0) == 'v' || inner.charAt(0) == 'V')) {
            int dot = inner.indexOf('.');
            if (dot < 2 || dot == inner.length() - 1) {
                return false;
            }
            for (int i = 1; i < dot; i++) {
                if (Character.digit(inner.charAt(i), 16) < 0) {
                    return false;
                }
            }
            for (int i = dot + 1; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (!unreservedOrSubDelim(c) && c != ':') {
                    return false;
                }
            }
            return true;
        }
        return NetUtil.isValidIpV6Address(inner) && inner.indexOf('%') < 0;
    }

    private static boolean regName(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= end || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (!unreservedOrSubDelim(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreservedOrSubDelim(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=".indexOf(c) >= 0;
    }
}
