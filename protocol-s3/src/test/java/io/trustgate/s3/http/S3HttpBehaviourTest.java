package io.trustgate.s3.http;

import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import io.trustgate.s3.spi.InMemoryBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/1.1 behaviour on a raw socket: 100-continue, keep-alive pipelining, chunked bodies, limits, drops. */
class S3HttpBehaviourTest {

    static InMemoryBlobStore store;
    static S3TestServerAccess server;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryBlobStore(5);
        store.createBucket("tg-raw");
        server = new S3TestServerAccess(store, S3ListenerSettings.of("raw", List.of(), Map.of("ak", "sk"),
                List.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private RawS3Client client() throws Exception {
        return new RawS3Client(server.port(), "ak", "sk");
    }

    @Test
    void expectContinueIsAnsweredOnlyAfterTheBucketCheck() throws Exception {
        try (RawS3Client c = client()) {
            c.send(c.head("PUT", "/tg-missing/k", Map.of("Expect", "100-continue", "Content-Length", "5")));
            String response = c.response();
            assertThat(response).startsWith("HTTP/1.1 404").contains("<Code>NoSuchBucket</Code>")
                    .doesNotContain("100 Continue");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawS3Client c = client()) {
            c.send(c.head("PUT", "/tg-raw/continued", Map.of("Expect", "100-continue", "Content-Length", "5")));
            assertThat(c.response()).startsWith("HTTP/1.1 100 Continue");
            assertThat(server.inFlight()).as("the upload waits for its body; shutdown would wait for it")
                    .isGreaterThanOrEqualTo(1);
            c.send("hello");
            assertThat(c.response()).startsWith("HTTP/1.1 200");
        }
        assertThat(store.headObject("tg-raw", "continued").toCompletableFuture().join().size()).isEqualTo(5);
        for (int i = 0; i < 100 && server.inFlight() != 0; i++) {
            Thread.sleep(20);
        }
        assertThat(server.inFlight()).isZero();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (RawS3Client c = client()) {
            String all = c.head("PUT", "/tg-raw/p1", Map.of("Content-Length", "2")) + "p1"
                    + c.head("GET", "/tg-raw/p1", Map.of()) + c.head("GET", "/tg-raw/nope", Map.of());
            c.send(all);
            assertThat(c.response()).startsWith("HTTP/1.1 200");
            assertThat(c.response()).startsWith("HTTP/1.1 200").endsWith("p1");
            assertThat(c.response()).startsWith("HTTP/1.1 404").contains("NoSuchKey");
        }
    }

    @Test
    void chunkedTransferEncodingBodiesAreStored() throws Exception {
        try (RawS3Client c = client()) {
            c.send(c.head("PUT", "/tg-raw/chunked", Map.of("Transfer-Encoding", "chunked")));
            c.send("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 200").contains("etag: \"5eb63bbbe01eeed093cb22bb8f5acdc3\"");
            c.send(c.head("GET", "/tg-raw/chunked", Map.of()));
            assertThat(c.response()).endsWith("hello world");
        }
    }

    @Test
    void wrongContentMd5IsBadDigestAndStoresNothing() throws Exception {
        try (RawS3Client c = client()) {
            c.send(c.head("PUT", "/tg-raw/md5", Map.of("Content-Length", "3",
                    "Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==")) + "abc");
            assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>BadDigest</Code>")
                    .contains("x-amz-request-id:");
        }
        assertThat(store.headObject("tg-raw", "md5").toCompletableFuture().handle((v, e) -> e)).isNotNull();
    }

    @Test
    void hugeHeaderIsRequestHeaderSectionTooLarge() throws Exception {
        try (RawS3Client c = client()) {
            c.send("GET /tg-raw/x HTTP/1.1\r\nHost: a\r\nx-amz-meta-big: " + "b".repeat(40_000) + "\r\n\r\n");
            String response = c.response();
            assertThat(response).startsWith("HTTP/1.1 400").contains("<Code>RequestHeaderSectionTooLarge</Code>")
                    .as("the request line was read: the error names its path")
                    .contains("<Resource>/tg-raw/x</Resource>");
        }
    }

    @Test
    void signatureVersion2HeaderAndPresignedRequestsAreVerified() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String putSignature = sigV2("PUT\n\ntext/plain\n" + date + "\n/tg-raw/v2%20k");
        try (RawS3Client c = client()) {
            c.send("PUT /tg-raw/v2%20k HTTP/1.1\r\nHost: a\r\nDate: " + date + "\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5\r\nAuthorization: AWS ak:" + putSignature + "\r\n\r\nhello");
            assertThat(c.response()).startsWith("HTTP/1.1 200");
            c.send("PUT /tg-raw/v2%20k HTTP/1.1\r\nHost: a\r\nDate: " + date + "\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5\r\nContent-MD5: XrY7u+Ae7tCTyyK7j1rNww==\r\nAuthorization: AWS ak:"
                    + sigV2("PUT\nXrY7u+Ae7tCTyyK7j1rNww==\ntext/plain\n" + date + "\n/tg-raw/v2%20k")
                    + "\r\n\r\nbye!!");
            assertThat(c.response()).as("Content-MD5 is still checked").startsWith("HTTP/1.1 400")
                    .contains("<Code>BadDigest</Code>");
        }
        long expires = Instant.now().getEpochSecond() + 60;
        String get = "GET /tg-raw/v2%20k?AWSAccessKeyId=ak&Expires=" + expires + "&Signature=";
        String signature = URLEncoder.encode(sigV2("GET\n\n\n" + expires + "\n/tg-raw/v2%20k"), StandardCharsets.UTF_8);
        try (RawS3Client c = client()) {
            c.send(get + signature + " HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 200").endsWith("hello");
            c.send(get.replace("v2%20k", "v2%20K") + signature + " HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 403").contains("<Code>SignatureDoesNotMatch</Code>");
            long past = expires - 120;
            c.send("GET /tg-raw/v2%20k?AWSAccessKeyId=ak&Expires=" + past + "&Signature="
                    + URLEncoder.encode(sigV2("GET\n\n\n" + past + "\n/tg-raw/v2%20k"), StandardCharsets.UTF_8)
                    + " HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 403").contains("<Code>AccessDenied</Code>")
                    .contains("Request has expired");
            c.send(get.replace("=ak&", "=nobody&") + signature + " HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.response()).startsWith("HTTP/1.1 403").contains("<Code>InvalidAccessKeyId</Code>");
        }
    }

    /** Base64 HMAC-SHA1 under the listener's secret "sk". */
    private static String sigV2(String stringToSign) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("sk".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedXmlIsMalformedXml() throws Exception {
        byte[] body = "<Delete><Object>".getBytes(StandardCharsets.UTF_8);
        try (RawS3Client c = client()) {
            c.send(c.head("POST", "/tg-raw?delete", Map.of("Content-Length", String.valueOf(body.length))));
            c.send(body);
            assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>MalformedXML</Code>");
        }
    }

    @Test
    void aBodyWithAnotherRootElementIsMalformedXml() throws Exception {
        // DeleteObjects, CompleteMultipartUpload and CreateBucket each name the root element they accept.
        String[][] requests = {{"POST", "/tg-raw?delete", "<CompleteMultipartUpload><Part/></CompleteMultipartUpload>"},
                {"POST", "/tg-raw/k?uploadId=none", "<Delete><Part><PartNumber>1</PartNumber></Part></Delete>"},
                {"PUT", "/tg-raw-new", "<Delete/>"}};
        for (String[] request : requests) {
            byte[] body = request[2].getBytes(StandardCharsets.UTF_8);
            try (RawS3Client c = client()) {
                c.send(c.head(request[0], request[1], Map.of("Content-Length", String.valueOf(body.length))));
                c.send(body);
                assertThat(c.response()).as(request[1]).startsWith("HTTP/1.1 400")
                        .contains("<Code>MalformedXML</Code>");
            }
        }
        assertThat(store.headBucket("tg-raw-new").toCompletableFuture().handle((v, e) -> e).join())
                .isNotNull();
    }

    @Test
    void aDecodedContentLengthThatIsNoNumberIsInvalidArgument() throws Exception {
        try (RawS3Client c = client()) {
            c.send(c.head("PUT", "/tg-raw/bad-length", Map.of("Content-Length", "3",
                    "x-amz-decoded-content-length", "three")));
            c.send("abc".getBytes(StandardCharsets.UTF_8));
            assertThat(c.response()).startsWith("HTTP/1.1 400").contains("<Code>InvalidArgument</Code>")
                    .contains("Invalid content length: three");
        }
    }

    @Test
    void aClientThatDropsMidUploadLeavesNoObject() throws Exception {
        try (RawS3Client c = client()) {
            c.send(c.head("PUT", "/tg-raw/dropped", Map.of("Content-Length", "100000")));
            c.send(new byte[30_000]);
        }
        // The server sees the close, aborts the writer; the key never appears.
        for (int i = 0; i < 20; i++) {
            Thread.sleep(50);
        }
        assertThat(store.headObject("tg-raw", "dropped").toCompletableFuture().handle((v, e) -> e).join())
                .isNotNull();
    }
}
