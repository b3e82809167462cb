package io.trustgate.compat.s3;

import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-made S3 requests over a plain socket, signed by the SDK's own SigV4 signer (so the signature is right unless a
 * test spoils it on purpose): for the fault tests, which need requests no SDK call would send.
 */
final class RawS3 {

    /** Status, headers (names lower-cased) and body of one answer. */
    record Response(int status, Map<String, String> headers, String body) {
        /** The {@code <Code>} of an S3 XML error body, or null. */
        String code() {
            int at = body.indexOf("<Code>");
            return at < 0 ? null : body.substring(at + 6, body.indexOf("</Code>", at));
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + body;
        }
    }

    private final S3Endpoint endpoint;

    RawS3(S3Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A request signed for {@code pathAndQuery} with a SHA-256 payload hash, at {@code clock}'s time. */
    SdkHttpRequest signed(SdkHttpMethod method, String pathAndQuery, Map<String, String> headers, byte[] body,
                          Clock clock) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method)
                .uri(URI.create(endpoint.http() + pathAndQuery));
        headers.forEach(request::putHeader);
        request.putHeader("Content-Length", Integer.toString(body.length));
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(endpoint.accessKey(), endpoint.secretKey()))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, S3Endpoint.REGION)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    }

    /**
     * A PUT with an aws-chunked body and an unsigned CRC32 trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER, as the SDK
     * sends over HTTPS), encoded by the SDK's signer; the caller may spoil the encoded bytes.
     */
    SignedRequest unsignedTrailerPut(String path, byte[] body) {
        // The scheme is not signed: signing for https makes the signer choose the unsigned-payload trailer mode.
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create(endpoint.http().toString().replaceFirst("^http:", "https:") + path))
                .putHeader("x-amz-decoded-content-length", Integer.toString(body.length))
                .putHeader("Content-Encoding", "aws-chunked")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(endpoint.accessKey(), endpoint.secretKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, S3Endpoint.REGION)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
    }

    /** Sends {@code request} (headers as given, plus Connection: close) with {@code body}; reads the whole answer. */
    Response send(SdkHttpRequest request, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder();
        String query = request.encodedQueryParameters().map(q -> "?" + q).orElse("");
        head.append(request.method()).append(' ').append(request.encodedPath()).append(query).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                continue;
            }
            for (String v : h.getValue()) {
                head.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return exchange(head.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    /**
     * Sends {@code request}'s head announcing {@code declaredLength} body bytes, then only {@code partialBody}, and
     * drops the connection: closed in order, or reset (RST) when {@code reset}. Returns without reading an answer.
     */
    void dropMidBody(SdkHttpRequest request, long declaredLength, byte[] partialBody, boolean reset)
            throws IOException {
        StringBuilder head = new StringBuilder();
        String query = request.encodedQueryParameters().map(q -> "?" + q).orElse("");
        head.append(request.method()).append(' ').append(request.encodedPath()).append(query).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Content-Length")) {
                for (String v : h.getValue()) {
                    head.append(h.getKey()).append(": ").append(v).append("\r\n");
                }
            }
        }
        head.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
        try (Socket socket = new Socket(endpoint.http().getHost(), endpoint.http().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(partialBody);
            out.flush();
            if (reset) {
                socket.setSoLinger(true, 0);
            }
        }
    }

    /** Sends raw bytes and reads the answer until the server closes (or the 30 s read timeout). */
    Response exchange(byte[] head, byte[] body) throws IOException {
        try (Socket socket = new Socket(endpoint.http().getHost(), endpoint.http().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading all of an oversized request: read its answer.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // connection reset after the answer: keep what was read
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new AssertionError("not an HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
                    .trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
