package io.trustgate.s3.passthrough;

import io.netty.channel.Channel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.NetUtil;
import io.trustgate.s3.auth.SigV4Signer;
import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.CustomerKey;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.ReadHints;
import io.trustgate.s3.spi.UploadPartRequest;

import javax.net.ssl.TrustManagerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetObject, HeadObject, PutObject and UploadPart forwarded on the client connection's own event loop: Netty's
 * HTTP client on {@link UpstreamConnections}, requests signed by {@link UpstreamSigner}, bodies through
 * {@link LoopReader} and {@link LoopWriter}. Used for http and https endpoints; empty uploads and uploads of
 * unknown length take the AWS SDK path of {@link S3PassthroughStore}.
 */
final class LoopObjects implements AutoCloseable {

    /** A single range as S3 takes it: {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}. */
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d+-\\d*|-\\d+)");
    /** Upstream answers to a forwarded range or condition: the server decides those itself. */
    private static final Set<Integer> HINT_ANSWERS = Set.of(304, 412, 416);

    private final UpstreamConnections connections;
    private final UpstreamSigner signer;
    private final BackendErrors errors;
    private final String backend;
    /** Whether a customer key may be sent: https, or a loopback endpoint (the key never crosses a network bare). */
    private final boolean keysTravelSafely;

    /** @param trust the backend's TLS trust ({@link UpstreamTrust#of}), or null for the JVM's default trust */
    LoopObjects(S3PassthroughSettings settings, BackendErrors errors, TrustManagerFactory trust) {
        this.connections = new UpstreamConnections(settings, trust);
        this.signer = new UpstreamSigner(settings);
        this.errors = errors;
        this.backend = settings.name();
        this.keysTravelSafely = "https".equalsIgnoreCase(settings.endpoint().getScheme())
                || loopback(settings.endpoint().getHost());
    }

    /** A loopback host by name or address literal, decided without a DNS lookup. */
    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(h);
        try {
            return address != null && InetAddress.getByAddress(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether requests to this endpoint can take this path (http and https). */
    static boolean supports(S3PassthroughSettings settings) {
        String scheme = settings.endpoint().getScheme();
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    UpstreamConnections connections() {
        return connections;
    }

    BackendErrors errors() {
        return errors;
    }

    /**
     * Opens the object with a GET (or HEAD) upstream. For a GET the client's single byte range and its read
     * conditions go along, so the upstream sends only the bytes that will be served (206) and no body for a failed
     * condition. An answer those headers caused (304, 412, 416, or a 400 for a header the upstream did not take) is
     * not passed on: the object is opened again without them (a HEAD: nothing will be read) and the server
     * evaluates them against its attributes, so the client gets exactly the answer the server gives on any backend.
     * A customer key (SSE-C) goes with every one of these requests, HEAD included: the upstream decides whether
     * it fits the object; it is sent only over https or to a loopback endpoint ({@code 501 NotImplemented} else).
     */
    CompletionStage<BlobReader> openObject(String bucket, String key, boolean headOnly, ReadHints hints,
                                           Channel client) {
        // The SSE-C headers every request for this object carries (none, on the common path).
        Map<String, String> sseC = Map.of();
        if (hints != null && hints.customerKey() != null) {
            if (!keysTravelSafely) {
                return CompletableFuture.failedFuture(BlobStoreException.notImplemented("reads with "
                        + "customer-provided keys (SSE-C) over plain http to a non-loopback endpoint", backend));
            }
            sseC = new LinkedHashMap<>();
            customerKey(hints.customerKey(), sseC);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-checksum-mode", "ENABLED");
        headers.putAll(sseC);
        boolean hinted = !headOnly && hints != null && forward(hints, headers);
        // A part number goes as it came (GET and HEAD): the upstream alone knows where a multipart object's parts lie.
        int part = hints == null ? 0 : hints.partNumber();
        Map<String, String> query = part > 0 ? Map.of("partNumber", Integer.toString(part)) : Map.of();
        hinted |= part > 0;
        HttpRequest first;
        try {
            first = signer.sign(headOnly ? HttpMethod.HEAD : HttpMethod.GET, bucket, key, query, headers, -1);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
        Map<String, String> again = sseC;
        LoopReader.Reopen reopen = (position, etag) -> {
            Map<String, String> h = new LinkedHashMap<>(again);
            h.put("Range", "bytes=" + position + "-");
            h.put("If-Match", Conversions.quote(etag));
            return signer.sign(HttpMethod.GET, bucket, key, h, -1);
        };
        CompletableFuture<BlobReader> opened = LoopReader.open(this, client, key, first, reopen, part);
        if (!hinted) {
            return opened;
        }
        return opened.exceptionallyCompose(e -> {
            if (!answeredHints(e, part > 0)) {
                return CompletableFuture.failedFuture(e);
            }
            HttpRequest plain;
            try {
                Map<String, String> h = new LinkedHashMap<>(again);
                h.put("x-amz-checksum-mode", "ENABLED");
                plain = signer.sign(HttpMethod.HEAD, bucket, key, h, -1);
            } catch (RuntimeException x) {
                return CompletableFuture.failedFuture(errors.map(x));
            }
            return LoopReader.open(this, client, key, plain, reopen);
        });
    }

    /** The three SSE-C headers of {@code k}, as S3 names them. */
    static void customerKey(CustomerKey k, Map<String, String> headers) {
        headers.put("x-amz-server-side-encryption-customer-algorithm", k.algorithm());
        headers.put("x-amz-server-side-encryption-customer-key", k.key());
        headers.put("x-amz-server-side-encryption-customer-key-MD5", k.keyMd5());
    }

    /**
     * Puts the hints S3 defines the same way as the server into {@code headers}: a single {@code bytes=} range
     * (first-last, first-, or a positive suffix) and the four read conditions (dates only when they parse);
     * whether any went in.
     */
    static boolean forward(ReadHints hints, Map<String, String> headers) {
        int before = headers.size();
        if (hints.range() != null && SINGLE_RANGE.matcher(hints.range().trim()).matches()
                && !hints.range().trim().equals("bytes=-0") && ascending(hints.range().trim())) {
            headers.put("Range", hints.range().trim());
        }
        putIfSet(headers, "If-Match", hints.ifMatch());
        putIfSet(headers, "If-None-Match", hints.ifNoneMatch());
        if (hints.ifModifiedSince() != null && DateFormatter.parseHttpDate(hints.ifModifiedSince()) != null) {
            headers.put("If-Modified-Since", hints.ifModifiedSince());
        }
        if (hints.ifUnmodifiedSince() != null && DateFormatter.parseHttpDate(hints.ifUnmodifiedSince()) != null) {
            headers.put("If-Unmodified-Since", hints.ifUnmodifiedSince());
        }
        return headers.size() > before;
    }

    private static boolean ascending(String range) {
        int dash = range.indexOf('-');
        String a = range.substring("bytes=".length(), dash);
        String b = range.substring(dash + 1);
        try {
            long first = a.isEmpty() ? 0 : Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            return first <= last;
        } catch (NumberFormatException e) {
            return false; // beyond a long: the server ignores it, so must the upstream
        }
    }

    /**
     * Whether an open failed with an answer the forwarded range, conditions or part number caused: a part number
     * the upstream does not implement (501, S3Proxy's) is one too, so the server answers it from the attributes
     * (a single-part object's part 1 is the whole object).
     */
    private static boolean answeredHints(Throwable e, boolean partNumber) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof BlobStoreException b && (HINT_ANSWERS.contains(b.httpStatus())
                || partNumber && b.httpStatus() == 501);
    }

    CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request, Channel client) {
        AwsChunkedFraming framing = trailerFraming(request);
        if (request.contentLength() < 0 || request.contentLength() == 0 && framing == null) {
            // Unknown length: no Content-Length to send. Empty: the upstream request would be complete with its
            // head, so the upstream could store it before the server verified the (empty) body; the SDK path
            // handles both. An empty body with a trailer checksum goes aws-chunked: its 0-size chunk and trailer
            // leave only at commit, so the upstream request is incomplete until the server verified it.
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
        long wireLength = request.contentLength();
        String payloadHash = SigV4Signer.UNSIGNED_PAYLOAD;
        if (framing != null) {
            // The checksum is known only after the body: it goes as an aws-chunked trailer, as the SDKs send it.
            headers.put("Content-Encoding", request.properties().contentEncoding() == null ? "aws-chunked"
                    : "aws-chunked," + request.properties().contentEncoding());
            headers.put("x-amz-decoded-content-length", Long.toString(request.contentLength()));
            headers.put("x-amz-trailer", framing.trailerName());
            headers.put("x-amz-sdk-checksum-algorithm", request.checksumAlgorithm());
            wireLength = framing.encodedLength();
            payloadHash = UpstreamSigner.STREAMING_UNSIGNED_TRAILER;
        } else if (request.checksumAlgorithm() != null && request.checksumValue() != null) {
            headers.put("x-amz-checksum-" + request.checksumAlgorithm().toLowerCase(Locale.ROOT),
                    request.checksumValue());
        }
        HttpRequest head;
        try {
            head = signer.sign(HttpMethod.PUT, request.bucket(), request.key(), Map.of(), headers, wireLength,
                    payloadHash);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
        return LoopWriter.open(this, client, request.contentLength(), framing, head, (answer, digest) ->
                new ObjectInfo(request.key(), digest.size(),
                        Conversions.bare(answer.headers().get(HttpHeaderNames.ETAG)), Instant.now(),
                        request.properties(), digest.checksums(), 0, UpstreamAnswers.encryption(answer.headers())));
    }

    /**
     * The aws-chunked framing for an upload whose checksum the client names but sends no value for in a header (it
     * comes in a trailer, or the server computes it), of known length: that value goes upstream in a trailer. Null
     * otherwise.
     */
    static AwsChunkedFraming trailerFraming(PutObjectRequest request) {
        if (request.checksumAlgorithm() == null || request.checksumValue() != null || request.contentLength() < 0) {
            return null;
        }
        return ChecksumAlgorithm.fromName(request.checksumAlgorithm())
                .map(a -> new AwsChunkedFraming(request.contentLength(), a)).orElse(null);
    }

    /** An UploadPart of known, non-zero length (else null: the SDK path), the part checksum header passed on. */
    CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest request, Channel client) {
        if (request.contentLength() <= 0) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (request.checksumAlgorithm() != null && request.checksumValue() != null) {
            headers.put("x-amz-checksum-" + request.checksumAlgorithm().toLowerCase(Locale.ROOT),
                    request.checksumValue());
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("partNumber", Integer.toString(request.partNumber()));
        query.put("uploadId", request.uploadId());
        HttpRequest head;
        try {
            head = signer.sign(HttpMethod.PUT, request.bucket(), request.key(), query, headers,
                    request.contentLength());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(errors.map(e));
        }
        return LoopWriter.open(this, client, request.contentLength(), null, head, (answer, digest) -> {
            HttpHeaders h = answer.headers();
            List<Checksum> upstream = Conversions.checksums(h.get("x-amz-checksum-crc32"),
                    h.get("x-amz-checksum-crc32c"), h.get("x-amz-checksum-crc64nvme"), h.get("x-amz-checksum-sha1"),
                    h.get("x-amz-checksum-sha256"), "FULL_OBJECT");
            return new PartInfo(request.partNumber(), Conversions.bare(h.get(HttpHeaderNames.ETAG)), digest.size(),
                    Instant.now(), upstream.isEmpty() ? digest.checksums() : upstream);
        });
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
