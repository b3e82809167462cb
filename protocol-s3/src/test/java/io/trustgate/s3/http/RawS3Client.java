package io.trustgate.s3.http;

import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Signs requests with the AWS SDK's SigV4 signer (UNSIGNED-PAYLOAD) and speaks raw HTTP/1.1 on a socket. */
final class RawS3Client implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final int port;
    private final String access;
    private final String secret;

    RawS3Client(int port, String access, String secret) throws IOException {
        this.port = port;
        this.access = access;
        this.secret = secret;
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
    }

    /** The request head (request line and headers, ending with the blank line), signed. */
    String head(String method, String path, Map<String, String> extra) {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://127.0.0.1:" + port + path))
                .putHeader("Host", "127.0.0.1:" + port)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        extra.forEach(b::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(access, secret))
                .request(b.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                // as S3 signs: the path as sent (a percent-encoded key is not encoded twice)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)).request();
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            for (String v : h.getValue()) {
                sb.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        return sb.append("\r\n").toString();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** One response: status line, headers and (Content-Length) body, as text. */
    String response() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                return head.size() == 0 ? null : head.toString(StandardCharsets.UTF_8);
            }
            head.write(c);
            matched = (c == '\r' || c == '\n') ? (c == "\r\n\r\n".charAt(matched) ? matched + 1 : (c == '\r' ? 1 : 0))
                    : 0;
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return text + new String(body, StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    /** Half-closes: the request is all sent (end of input for the server), the answer can still be read. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes with a reset (RST) instead of an orderly FIN, as a crashed client or a middlebox does. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
