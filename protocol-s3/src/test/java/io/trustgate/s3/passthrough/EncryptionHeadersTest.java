package io.trustgate.s3.passthrough;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upstream's {@code x-amz-server-side-encryption*} answer headers (SSE-C's algorithm and key MD5, SSE-S3 and
 * SSE-KMS) reach the client on GetObject, HeadObject and PutObject through a real S3 server in front of the
 * passthrough. The upstream is a small HTTP server on loopback that answers as AWS does for such objects (S3Proxy
 * 4.0.0 takes no SSE-C, and trustgate's own stores report no encryption); the client is the AWS SDK, which checks
 * the SSE-C key MD5 it gets back against its own key.
 */
class EncryptionHeadersTest {

    static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final byte[] BODY = "hello".getBytes(StandardCharsets.US_ASCII);
    static final String ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";

    static EventLoopGroup group;
    static Channel upstream;
    static S3PassthroughStore store;
    static S3TestServerAccess front;
    static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        upstream = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new FakeS3());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) upstream.localAddress()).getPort();
        store = S3PassthroughStore.open(S3PassthroughSettings.of("fake", URI.create("http://127.0.0.1:" + port),
                "up", "up-secret"));
        front = new S3TestServerAccess(store, S3ListenerSettings.of("front", List.of(), Map.of("ak", "sk"),
                List.of()));
        client = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + front.port()))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ak", "sk")))
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        // The store's upstream pools live on the front server's event loops: closed before those stop.
        if (store != null) {
            store.close();
        }
        if (front != null) {
            front.close();
        }
        if (group != null) {
            upstream.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void sseCustomerHeadersOfTheUpstreamAnswerComeBackOnGetAndHead() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        String keyB64 = Base64.getEncoder().encodeToString(key);
        String keyMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));

        ResponseBytes<GetObjectResponse> get = client.getObjectAsBytes(b -> b.bucket("bucket").key("ssec")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(keyB64).sseCustomerKeyMD5(keyMd5));
        assertThat(get.asByteArray()).isEqualTo(BODY);
        assertThat(get.response().sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(get.response().sseCustomerKeyMD5()).isEqualTo(keyMd5);

        HeadObjectResponse head = client.headObject(b -> b.bucket("bucket").key("ssec")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(keyB64).sseCustomerKeyMD5(keyMd5));
        assertThat(head.contentLength()).isEqualTo(BODY.length);
        assertThat(head.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(head.sseCustomerKeyMD5()).isEqualTo(keyMd5);
    }

    @Test
    void kmsHeadersOfTheUpstreamAnswerComeBackOnGetAndHead() {
        GetObjectResponse get = client.getObjectAsBytes(b -> b.bucket("bucket").key("kms")).response();
        assertThat(get.serverSideEncryptionAsString()).isEqualTo("aws:kms");
        assertThat(get.ssekmsKeyId()).isEqualTo(KMS_KEY);
        assertThat(get.bucketKeyEnabled()).isTrue();

        HeadObjectResponse head = client.headObject(b -> b.bucket("bucket").key("kms"));
        assertThat(head.serverSideEncryptionAsString()).isEqualTo("aws:kms");
        assertThat(head.ssekmsKeyId()).isEqualTo(KMS_KEY);
        assertThat(head.bucketKeyEnabled()).isTrue();
    }

    @Test
    void anObjectWithoutEncryptionHeadersGetsNone() {
        HeadObjectResponse head = client.headObject(b -> b.bucket("bucket").key("plain"));
        assertThat(head.serverSideEncryption()).isNull();
        assertThat(head.sseCustomerKeyMD5()).isNull();
        assertThat(head.ssekmsKeyId()).isNull();
    }

    @Test
    void theSseS3HeaderOfAPutAnswerComesBack() {
        PutObjectResponse put = client.putObject(b -> b.bucket("bucket").key("put"), RequestBody.fromBytes(BODY));
        assertThat(put.eTag()).isEqualTo(ETAG);
        assertThat(put.serverSideEncryptionAsString()).isEqualTo("AES256");
    }

    /** Answers GET and HEAD of {@code /bucket/<key>} with "hello" and the headers AWS gives such objects. */
    private static final class FakeS3 extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String key = request.uri().replaceFirst("^/bucket/", "").replaceFirst("\\?.*$", "");
            boolean put = request.method().equals(HttpMethod.PUT);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    put || request.method().equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER
                            : Unpooled.wrappedBuffer(BODY));
            HttpHeaders h = response.headers();
            h.set(HttpHeaderNames.ETAG, ETAG);
            if (put) {
                h.set("x-amz-server-side-encryption", "AES256");
                h.set(HttpHeaderNames.CONTENT_LENGTH, 0);
            } else {
                h.set(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
                h.set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                h.set(HttpHeaderNames.LAST_MODIFIED, DateFormatter.format(new Date(1_700_000_000_000L)));
                if (key.equals("ssec")) {
                    // AWS echoes the algorithm and the key's MD5 (never the key).
                    h.set("x-amz-server-side-encryption-customer-algorithm",
                            request.headers().get("x-amz-server-side-encryption-customer-algorithm"));
                    h.set("x-amz-server-side-encryption-customer-key-MD5",
                            request.headers().get("x-amz-server-side-encryption-customer-key-MD5"));
                } else if (key.equals("kms")) {
                    h.set("x-amz-server-side-encryption", "aws:kms");
                    h.set("x-amz-server-side-encryption-aws-kms-key-id", KMS_KEY);
                    h.set("x-amz-server-side-encryption-bucket-key-enabled", "true");
                }
            }
            ctx.writeAndFlush(response);
        }
    }
}
