package io.trustgate.s3.passthrough;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamAnswersTest {

    private final BackendErrors errors = new BackendErrors(
            S3PassthroughSettings.of("up", URI.create("http://127.0.0.1:9100"), "k", "s"));

    private static HttpResponse answer(HttpResponseStatus status) {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    }

    @Test
    void aPartAnswerSaysWhereThePartLies() {
        HttpResponse r = answer(HttpResponseStatus.PARTIAL_CONTENT);
        r.headers().set("Content-Range", "bytes 5242880-7340031/7340032");
        assertThat(UpstreamAnswers.part(r)).contains(new BlobReader.Part(5242880, 2097152));
        assertThat(UpstreamAnswers.part(answer(HttpResponseStatus.OK))).isEmpty();
        HttpResponse garbled = answer(HttpResponseStatus.PARTIAL_CONTENT);
        garbled.headers().set("Content-Range", "bytes 9-3/10");
        assertThat(UpstreamAnswers.part(garbled)).isEmpty();
    }

    @Test
    void objectAttributesComeFromTheHeaders() {
        HttpResponse r = answer(HttpResponseStatus.OK);
        r.headers().set("Content-Length", "1048576").set("ETag", "\"abc-3\"").set("Content-Type", "text/plain")
                .set("Last-Modified", "Sun, 29 Nov 2026 10:00:00 GMT").set("X-Amz-Meta-Owner", "Ann")
                .set("Cache-Control", "no-cache").set("Expires", "whenever")
                .set("x-amz-checksum-crc32", "AAAAAA==").set("x-amz-checksum-type", "FULL_OBJECT");
        ObjectInfo info = UpstreamAnswers.info("k", r);
        assertThat(info.size()).isEqualTo(1048576);
        assertThat(info.etag()).isEqualTo("abc-3");
        assertThat(info.partsCount()).isEqualTo(3);
        assertThat(info.lastModified()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
        assertThat(info.properties().contentType()).isEqualTo("text/plain");
        assertThat(info.properties().cacheControl()).isEqualTo("no-cache");
        assertThat(info.properties().expires()).isEqualTo("whenever");
        assertThat(info.properties().userMetadata()).containsExactlyEntriesOf(java.util.Map.of("owner", "Ann"));
        assertThat(info.checksums()).singleElement().satisfies(c -> {
            assertThat(c.algorithm()).isEqualTo("CRC32");
            assertThat(c.type()).isEqualTo(ChecksumType.FULL_OBJECT);
        });
    }

    @Test
    void aPartialAnswerGivesTheWholeSizeAndWhereItStarts() {
        HttpResponse r = answer(HttpResponseStatus.PARTIAL_CONTENT);
        r.headers().set("Content-Length", "10").set("Content-Range", "bytes 100-109/5000");
        assertThat(UpstreamAnswers.size(r)).isEqualTo(5000);
        assertThat(UpstreamAnswers.firstByte(r)).isEqualTo(100);
        assertThat(UpstreamAnswers.firstByte(answer(HttpResponseStatus.OK))).isZero();
    }

    @Test
    void anErrorDocumentKeepsItsCodeAndMessage() {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>"
                + "<Message>The specified bucket does not exist</Message></Error>").getBytes(StandardCharsets.UTF_8);
        BlobStoreException e = UpstreamAnswers.error(errors, 404, Unpooled.wrappedBuffer(xml));
        assertThat(e.code()).isEqualTo("NoSuchBucket");
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("The specified bucket does not exist");
    }

    @Test
    void aBodylessOrForeignErrorIsCodedByItsStatus() {
        assertThat(UpstreamAnswers.error(errors, 404, Unpooled.EMPTY_BUFFER).code()).isEqualTo("NoSuchKey");
        BlobStoreException e = UpstreamAnswers.error(errors, 502,
                Unpooled.copiedBuffer("<html>bad gateway</html>", StandardCharsets.UTF_8));
        assertThat(e.code()).isEqualTo("InternalError");
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.getMessage()).contains("from the S3 backend 'up'");
    }

    @Test
    void theBackendsOwnCredentialsRefusedIsAccessDenied() {
        byte[] xml = "<Error><Code>InvalidAccessKeyId</Code><Message>no</Message></Error>"
                .getBytes(StandardCharsets.UTF_8);
        BlobStoreException e = UpstreamAnswers.error(errors, 403, Unpooled.wrappedBuffer(xml));
        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).contains("refused trustgate's credentials");
    }
}
