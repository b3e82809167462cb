package io.trustgate.translators.s3.azure;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.trustgate.s3.S3Frontend;
import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.route.BucketRouter;
import io.trustgate.testsupport.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.md5;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditional GETs through the S3 server onto a real Azurite: a GET whose conditions fail is answered 304 / 412
 * without Azure ever starting to send the blob's body (the requests the store sends are recorded by a pipeline
 * policy: no Get Blob answered 200 or 206), with the same status and headers as before; a GET whose conditions
 * hold gets the body, and only the bytes of its range are asked of Azure.
 */
class AzureConditionalGetIT {

    private static final int SIZE = 1024 * 1024;

    private static final AzureRequestLog log = new AzureRequestLog();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static AzureBlobStore store;
    private static EventLoopGroup group;
    private static Channel server;
    private static String bucket;
    private static String key;
    private static byte[] data;
    private static String etag;
    private static String lastModified;

    @BeforeAll
    static void start() throws Exception {
        Azurite.require();
        store = AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, 4 * 1024 * 1024, 4), log);
        bucket = "tg-azure-cond-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        S3Frontend frontend = new S3Frontend(S3ListenerSettings.of("azure-cond", List.of(), Map.of(), List.of(bucket)),
                List.of(new BucketRouter.Route("all", "*", "azure", store)), new SimpleMeterRegistry());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(frontend.channelInitializer()).bind("127.0.0.1", 0).sync().channel();
        key = "cond/" + UUID.randomUUID();
        data = new byte[SIZE];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        put(store, bucket, key, data);
        etag = "\"" + md5(data) + "\"";
        HttpResponse<byte[]> head = get(Map.of());
        assertThat(head.statusCode()).isEqualTo(200);
        lastModified = head.headers().firstValue("Last-Modified").orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (store != null) {
            store.close();
        }
    }

    @BeforeEach
    void clearLog() {
        log.clear();
    }

    @Test
    void ifNoneMatchOnTheCurrentETagIs304WithoutADownload() throws Exception {
        for (String value : new String[] {etag, "\"other\", " + etag, "*"}) {
            log.clear();
            HttpResponse<byte[]> r = get(Map.of("If-None-Match", value));
            assertThat(r.statusCode()).as(value).isEqualTo(304);
            assertThat(r.headers().firstValue("ETag")).as(value).hasValue(etag);
            assertThat(r.headers().firstValue("Last-Modified")).as(value).hasValue(lastModified);
            assertThat(r.body()).as(value).isEmpty();
            assertNoDownload(value);
        }
    }

    @Test
    void ifMatchOnAnotherETagIs412WithoutADownload() throws Exception {
        HttpResponse<byte[]> r = get(Map.of("If-Match", "\"0123456789abcdef0123456789abcdef\""));
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(new String(r.body())).contains("<Code>PreconditionFailed</Code>");
        assertNoDownload("If-Match");
        log.clear();
        r = get(Map.of("If-Match", "\"0123456789abcdef0123456789abcdef\"", "If-None-Match", "\"x\""));
        assertThat(r.statusCode()).isEqualTo(412);
        assertNoDownload("If-Match and If-None-Match");
    }

    @Test
    void dateConditionsThatFailAreAnsweredWithoutADownload() throws Exception {
        HttpResponse<byte[]> r = get(Map.of("If-Modified-Since", lastModified));
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.headers().firstValue("ETag")).hasValue(etag);
        assertThat(r.headers().firstValue("Last-Modified")).hasValue(lastModified);
        assertNoDownload("If-Modified-Since");
        log.clear();
        r = get(Map.of("If-Modified-Since", "Sat, 01 Jan 2100 00:00:00 GMT"));
        assertThat(r.statusCode()).isEqualTo(304);
        assertNoDownload("If-Modified-Since in the future");
        log.clear();
        r = get(Map.of("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"));
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(new String(r.body())).contains("<Code>PreconditionFailed</Code>");
        assertNoDownload("If-Unmodified-Since");
    }

    /** RFC 9110's order, as the server judges it: a matching If-Match makes a failing If-Unmodified-Since moot. */
    @Test
    void conditionsThatHoldServeTheBodyAndOnlyTheRangeIsDownloaded() throws Exception {
        HttpResponse<byte[]> r = get(Map.of("If-Match", etag, "If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue(etag);
        assertThat(r.body()).isEqualTo(data);
        log.clear();
        r = get(Map.of("If-None-Match", "\"other\"", "Range", "bytes=1000-1999"));
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        List<AzureRequestLog.Sent> downloads = log.forBlob(bucket, key).stream()
                .filter(AzureRequestLog.Sent::startedDownload).toList();
        assertThat(downloads).hasSize(1);
        assertThat(downloads.get(0).range()).isEqualTo("bytes=1000-1999");
        r = get(Map.of("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT", "If-Unmodified-Since",
                "Sat, 01 Jan 2100 00:00:00 GMT", "Range", "bytes=-10"));
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, SIZE - 10, SIZE));
    }

    private static void assertNoDownload(String what) {
        List<AzureRequestLog.Sent> sent = log.forBlob(bucket, key);
        assertThat(sent).as(what + ": requests sent").isNotEmpty();
        assertThat(sent).as(what + ": no Get Blob answered with a body")
                .noneMatch(AzureRequestLog.Sent::startedDownload);
    }

    private static HttpResponse<byte[]> get(Map<String, String> headers) throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + bucket + "/"
                + key)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
