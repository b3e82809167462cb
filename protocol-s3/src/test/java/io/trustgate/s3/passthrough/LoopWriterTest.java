package io.trustgate.s3.passthrough;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
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
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.trustgate.s3.auth.Authentication;
import io.trustgate.s3.auth.AwsChunkedDecoder;
import io.trustgate.s3.auth.PayloadMode;
import io.trustgate.s3.auth.SigV4Verifier;
import io.trustgate.s3.auth.SignedRequest;
import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link LoopWriter} puts on the wire for a PutObject, recorded by a small HTTP server on loopback and read
 * back with the server's own {@link SigV4Verifier} (keyed by the backend's credentials) and {@link AwsChunkedDecoder}:
 * an upload whose checksum came in a trailer goes on as aws-chunked with an unsigned trailer carrying the verified
 * value; one without (or with a header checksum) keeps the plain body; a body that failed verification never gets
 * its last bytes, 0-size chunk or trailer upstream.
 */
class LoopWriterTest {

    private static final String KEY = "backend-key";
    private static final String SECRET = "backend-secret";
    private static final int PIECE = 64 * 1024;

    /** One request as the recording server saw it. */
    record Recorded(HttpRequest head, byte[] body, boolean complete) {
        String header(String name) {
            return head.headers().get(name);
        }
    }

    static EventLoopGroup group;
    static Channel server;
    static Channel client;
    static S3PassthroughStore store;
    static final BlockingQueue<Recorded> recorded = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new Recorder());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        client = new NioSocketChannel();
        group.register(client).sync();
        store = S3PassthroughStore.open(S3PassthroughSettings.of("recorded", URI.create("http://127.0.0.1:" + port),
                KEY, SECRET));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (group != null) {
            client.close();
            server.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aTrailerChecksumGoesOnAsAnUnsignedAwsChunkedTrailerWithTheVerifiedValue() throws Exception {
        byte[] data = bytes(300_000, 1);
        String crc32c = checksum(ChecksumAlgorithm.CRC32C, data);
        ObjectInfo info = put(request("trailer", data.length, "gzip", "CRC32C", null), data,
                List.of(new Checksum("CRC32C", crc32c, ChecksumType.FULL_OBJECT)));
        assertThat(info.etag()).isEqualTo("recorded-etag");

        Recorded r = recorded.poll(30, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.complete()).isTrue();
        assertThat(r.head().uri()).isEqualTo("/bucket/trailer");
        assertThat(r.header("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(r.header("Content-Encoding")).isEqualTo("aws-chunked,gzip");
        assertThat(r.header("x-amz-decoded-content-length")).isEqualTo(Integer.toString(data.length));
        assertThat(r.header("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32c");
        assertThat(r.header("x-amz-checksum-crc32c")).as("no header value: it follows in the trailer").isNull();
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        assertThat(r.header("Authorization")).contains("content-encoding").contains("x-amz-trailer")
                .contains("x-amz-decoded-content-length").contains("content-length");

        Authentication auth = verify(r);
        assertThat(auth.accessKeyId()).isEqualTo(KEY);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(auth, data.length, r.header("x-amz-trailer"));
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        var wire = Unpooled.wrappedBuffer(r.body());
        decoder.decode(wire, piece -> {
            decoded.writeBytes(ByteBufUtil.getBytes(piece));
            piece.release();
        });
        wire.release();
        decoder.finish();
        assertThat(decoded.toByteArray()).isEqualTo(data);
        assertThat(decoder.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32c", crc32c));
    }

    @Test
    void anEmptyBodyWithATrailerChecksumIsTheZeroSizeChunkAndTheTrailer() throws Exception {
        put(request("empty", 0, null, "CRC32", null), new byte[0],
                List.of(new Checksum("CRC32", "AAAAAA==", ChecksumType.FULL_OBJECT)));
        Recorded r = recorded.poll(30, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.head().uri()).isEqualTo("/bucket/empty");
        assertThat(r.complete()).isTrue();
        assertThat(r.header("x-amz-decoded-content-length")).isEqualTo("0");
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        assertThat(verify(r).payloadMode()).isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
    }

    @Test
    void withoutATrailerChecksumTheBodyStaysPlainAndAHeaderChecksumStaysAHeader() throws Exception {
        byte[] data = bytes(100_000, 2);
        String crc32 = checksum(ChecksumAlgorithm.CRC32, data);
        put(request("plain", data.length, null, null, null), data, List.of());
        put(request("header", data.length, null, "CRC32", crc32), data,
                List.of(new Checksum("CRC32", crc32, ChecksumType.FULL_OBJECT)));
        for (String key : List.of("plain", "header")) {
            Recorded r = recorded.poll(30, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.head().uri()).isEqualTo("/bucket/" + key);
            assertThat(r.complete()).isTrue();
            assertThat(r.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
            assertThat(r.header("Content-Encoding")).isNull();
            assertThat(r.header("x-amz-trailer")).isNull();
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(data.length));
            assertThat(r.body()).isEqualTo(data);
            assertThat(r.header("x-amz-checksum-crc32")).isEqualTo(key.equals("header") ? crc32 : null);
            assertThat(verify(r).payloadMode()).isEqualTo(PayloadMode.UNSIGNED_PAYLOAD);
        }
    }

    @Test
    void aBodyThatFailedVerificationNeverReachesTheEndOfItsChunksUpstream() throws Exception {
        byte[] data = bytes(200_000, 3);
        PutObjectRequest req = request("refused", data.length, null, "CRC32", null);
        // Every piece written, then aborted as the server does when the trailer's checksum does not match (BadDigest).
        onLoop(() -> store.putObject(req, client).thenCompose(w -> writeAll(w, data).thenApply(v -> {
            w.abort();
            return null;
        })));
        Recorded r = recorded.poll(30, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.complete()).as("the upstream request was cut short").isFalse();
        assertThat((long) r.body().length).isLessThan(Long.parseLong(r.header("Content-Length")));
        String wire = new String(r.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(wire).doesNotContain("x-amz-checksum-crc32:").doesNotContain("\r\n0\r\n");
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(verify(r), data.length, r.header("x-amz-trailer"));
        var in = Unpooled.wrappedBuffer(r.body());
        long[] got = {0};
        decoder.decode(in, piece -> {
            got[0] += piece.readableBytes();
            piece.release();
        });
        in.release();
        assertThat(decoder.isComplete()).isFalse();
        assertThat(got[0]).as("the held-back last piece never left").isLessThan(data.length);
    }

    @Test
    void aCommitWithoutTheTrailersValueFailsAndLeavesTheUpstreamRequestShort() throws Exception {
        byte[] data = bytes(200_000, 4);
        Throwable failure = null;
        try {
            put(request("no-value", data.length, null, "SHA256", null), data, List.of());
        } catch (java.util.concurrent.ExecutionException e) {
            failure = BackendErrors.unwrap(e);
        }
        assertThat(failure).isInstanceOfSatisfying(io.trustgate.s3.spi.BlobStoreException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(500);
            assertThat(e.getMessage()).contains("SHA256");
        });
        Recorded r = recorded.poll(30, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.head().uri()).isEqualTo("/bucket/no-value");
        assertThat(r.complete()).isFalse();
    }

    // ---- helpers ----

    private static PutObjectRequest request(String key, long length, String contentEncoding, String algorithm,
                                            String headerValue) {
        return new PutObjectRequest("bucket", key, length, new ObjectProperties(null, contentEncoding, null, null, null,
                null, Map.of()), WriteConditions.NONE, algorithm, headerValue);
    }

    private static ObjectInfo put(PutObjectRequest req, byte[] data, List<Checksum> checksums) throws Exception {
        return onLoop(() -> store.putObject(req, client).thenCompose(w -> {
            assertThat(w).isInstanceOf(LoopWriter.class);
            return writeAll(w, data).thenCompose(v -> w.commit(new BodyDigest(data.length, null, checksums)));
        }));
    }

    private static <T> CompletionStage<Void> writeAll(BlobWriter<T> writer, byte[] data) {
        CompletionStage<Void> s = CompletableFuture.completedFuture(null);
        for (int off = 0; off < data.length; off += PIECE) {
            int o = off;
            int n = Math.min(PIECE, data.length - off);
            s = s.thenCompose(v -> writer.write(Unpooled.wrappedBuffer(data, o, n)));
        }
        return s;
    }

    private static Authentication verify(Recorded r) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.head().headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(h.getValue()));
        int q = r.head().uri().indexOf('?');
        return new SigV4Verifier(id -> id.equals(KEY) ? Optional.of(SECRET) : Optional.empty(), Clock.systemUTC())
                .verify(new SignedRequest(r.head().method().name(), q < 0 ? r.head().uri()
                        : r.head().uri().substring(0, q), q < 0 ? "" : r.head().uri().substring(q + 1), headers));
    }

    private static <T> T onLoop(Supplier<CompletionStage<T>> action) throws Exception {
        CompletableFuture<T> out = new CompletableFuture<>();
        client.eventLoop().execute(() -> {
            try {
                action.get().whenComplete((v, e) -> {
                    if (e != null) {
                        out.completeExceptionally(e);
                    } else {
                        out.complete(v);
                    }
                });
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        });
        return out.get(30, TimeUnit.SECONDS);
    }

    private static String checksum(ChecksumAlgorithm algorithm, byte[] data) {
        var digest = algorithm.newDigest();
        digest.update(data);
        return digest.finishBase64();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Records each request's head and raw body; answers a whole one with 200 and an ETag. */
    private static final class Recorder extends SimpleChannelInboundHandler<HttpObject> {
        private HttpRequest head;
        private ByteArrayOutputStream body;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest r) {
                head = r;
                body = new ByteArrayOutputStream();
            }
            if (msg instanceof HttpContent c && head != null) {
                body.writeBytes(ByteBufUtil.getBytes(c.content()));
                if (c instanceof LastHttpContent) {
                    recorded.add(new Recorded(head, body.toByteArray(), true));
                    head = null;
                    FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    ok.headers().set("ETag", "\"recorded-etag\"").set("Content-Length", "0");
                    ctx.writeAndFlush(ok);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (head != null) {
                recorded.add(new Recorded(head, body.toByteArray(), false));
                head = null;
            }
        }
    }
}
