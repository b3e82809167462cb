package io.trustgate.compat.s3;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP edges every trustgate lane answers alike, over a plain socket: {@code Expect: 100-continue} to a
 * missing bucket gets {@code 404 NoSuchBucket} as the first answer (no {@code 100 Continue}, so the body is never
 * sent; an UploadPart there may get {@code NoSuchUpload}, as the Azure backend checks the upload first) and to a bucket that exists {@code 100}, then {@code 200}, with the object stored; a request line of an
 * HTTP version other than 1.x is {@code 505}, and an HTTP/1.1 request without Host is {@code 400 InvalidRequest},
 * both closing the connection. Trustgate lanes only: the reference S3Proxy says 100 before it looks at the bucket.
 */
@Timeout(120)
class ExpectContinueIT {

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#gatewayTargets")
    void aMissingBucketIsAnsweredBeforeTheBodyAndAnExistingOneStoresIt(S3Target target) throws IOException {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        RawS3 raw = new RawS3(endpoint);
        String bucket = SdkClients.bucketName(target, "expect");
        byte[] body = Payloads.random(300_000, 5);
        try (S3Client s3 = SdkClients.sync(endpoint, S3Endpoint.Scheme.HTTP)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                for (String path : List.of("/" + bucket + "-missing/k", "/" + bucket + "-missing/k?partNumber=1"
                        + "&uploadId=none")) {
                    try (Socket socket = open(endpoint)) {
                        send(socket, head(raw.signed(SdkHttpMethod.PUT, path, Map.of("Expect", "100-continue"),
                                body, Clock.systemUTC())));
                        String first = response(socket.getInputStream());
                        // An UploadPart may name the missing upload instead (Azure checks the upload first).
                        assertThat(first).as(path).startsWith("HTTP/1.1 404").containsAnyOf(
                                "<Code>NoSuchBucket</Code>", path.contains("uploadId") ? "<Code>NoSuchUpload</Code>"
                                        : "<Code>NoSuchBucket</Code>");
                        assertThat(socket.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
                    }
                }
                try (Socket socket = open(endpoint)) {
                    send(socket, head(raw.signed(SdkHttpMethod.PUT, "/" + bucket + "/k",
                            Map.of("Expect", "100-continue"), body, Clock.systemUTC())));
                    assertThat(response(socket.getInputStream())).startsWith("HTTP/1.1 100 Continue");
                    send(socket, body);
                    assertThat(response(socket.getInputStream())).startsWith("HTTP/1.1 200");
                }
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asByteArray()).isEqualTo(body);
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.trustgate.compat.s3.Lanes#gatewayTargets")
    void anUnsupportedVersionIs505AndAMissingHostIs400(S3Target target) throws IOException {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        try (Socket socket = open(endpoint)) {
            send(socket, "GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(response(socket.getInputStream())).startsWith("HTTP/1.1 505")
                    .contains("<Code>HttpVersionNotSupported</Code>");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket socket = open(endpoint)) {
            send(socket, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(response(socket.getInputStream())).startsWith("HTTP/1.1 400")
                    .contains("<Code>InvalidRequest</Code>");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    private static Socket open(S3Endpoint endpoint) throws IOException {
        Socket socket = new Socket(endpoint.http().getHost(), endpoint.http().getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** The request line and headers of {@code request} (its Content-Length included), without the body. */
    private static byte[] head(SdkHttpRequest request) {
        StringBuilder head = new StringBuilder();
        String query = request.encodedQueryParameters().map(q -> "?" + q).orElse("");
        head.append(request.method()).append(' ').append(request.encodedPath()).append(query).append(" HTTP/1.1\r\n");
        request.headers().forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v)
                .append("\r\n")));
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One answer: its head, and its body when it has a Content-Length. */
    private static String response(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int c; !head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n"); ) {
            c = in.read();
            if (c < 0) {
                throw new AssertionError("closed before an answer: " + head.toString(StandardCharsets.UTF_8));
            }
            head.write(c);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
