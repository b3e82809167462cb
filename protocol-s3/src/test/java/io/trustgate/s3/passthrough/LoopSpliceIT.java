package io.trustgate.s3.passthrough;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.ReadHints;
import io.trustgate.testsupport.RequiredBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GET bodies spliced from the upstream socket into the client's ({@link LoopReader#transferTo}) on epoll channels of
 * one event loop, as the gateway runs on Linux, against the loopback S3Proxy of {@code scripts/s3proxy.sh}: a real
 * client socket receives the response head the server would write and then the body, byte for byte; the pooled
 * upstream connection serves the next answers (spliced and read) after it; a small body is not spliced; and a
 * client gone in the middle fails the transfer while later ones still work.
 */
class LoopSpliceIT {

    static final String BUCKET = "tg-splice-" + Long.toHexString(System.nanoTime());
    static final int MIB = 1024 * 1024;

    static EventLoopGroup group;
    static Channel server;
    static final LinkedBlockingQueue<ChannelHandlerContext> accepted = new LinkedBlockingQueue<>();
    static S3Client direct;
    static S3PassthroughStore store;
    static byte[] big;
    static byte[] small;
    static byte[] huge;

    @BeforeAll
    static void start() throws Exception {
        if (!answers(LoopObjectsIT.HTTP_PORT)) {
            RequiredBackend.missing("S3Proxy does not answer on 127.0.0.1:" + LoopObjectsIT.HTTP_PORT
                    + " (scripts/s3proxy.sh)");
        }
        if (!Epoll.isAvailable()) {
            RequiredBackend.missing("Netty's native epoll transport is not available: " + Epoll.unavailabilityCause());
        }
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void handlerAdded(ChannelHandlerContext ctx) {
                                accepted.add(ctx);
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        URI uri = URI.create("http://127.0.0.1:" + LoopObjectsIT.HTTP_PORT);
        direct = S3Client.builder().endpointOverride(uri).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LoopObjectsIT.ACCESS, LoopObjectsIT.SECRET)))
                .build();
        direct.createBucket(b -> b.bucket(BUCKET));
        store = S3PassthroughStore.open(S3PassthroughSettings.of("splice", uri, LoopObjectsIT.ACCESS,
                LoopObjectsIT.SECRET));
        big = bytes(3 * MIB + 17, 1);
        small = bytes(1024, 2);
        huge = bytes(24 * MIB, 3);
        direct.putObject(b -> b.bucket(BUCKET).key("big"), RequestBody.fromBytes(big));
        direct.putObject(b -> b.bucket(BUCKET).key("small"), RequestBody.fromBytes(small));
        direct.putObject(b -> b.bucket(BUCKET).key("huge"), RequestBody.fromBytes(huge));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (direct != null) {
            for (String key : new String[]{"big", "small", "huge"}) {
                direct.deleteObject(b -> b.bucket(BUCKET).key(key));
            }
            direct.deleteBucket(b -> b.bucket(BUCKET));
            direct.close();
        }
        if (group != null) {
            server.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void bodiesAreSplicedIntoTheClientSocketAndTheUpstreamConnectionServesTheNextAnswers() throws Exception {
        try (Socket client = connect()) {
            ChannelHandlerContext ctx = accepted.poll(30, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                CompletableFuture<byte[]> received = receive(client, big.length);
                assertThat(onLoop(ctx, () -> serve(ctx, "big", big.length))).as("spliced").isTrue();
                assertThat(received.get(60, TimeUnit.SECONDS)).as("GET %d", i).isEqualTo(big);
            }
            // A 1 KiB answer comes whole with its head: read and written, not spliced.
            CompletableFuture<byte[]> received = receive(client, small.length);
            assertThat(onLoop(ctx, () -> serve(ctx, "small", small.length))).as("spliced").isFalse();
            assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(small);
        }
    }

    @Test
    void aClientGoneInTheMiddleFailsTheTransferAndLaterOnesWork() throws Exception {
        ChannelHandlerContext ctx;
        CompletableFuture<Boolean> transfer;
        try (Socket client = connect()) {
            ctx = accepted.poll(30, TimeUnit.SECONDS);
            ChannelHandlerContext c = ctx;
            transfer = new CompletableFuture<>();
            c.executor().execute(() -> serve(c, "huge", huge.length).whenComplete((v, e) -> {
                if (e != null) {
                    transfer.completeExceptionally(e);
                } else {
                    transfer.complete(v);
                }
            }));
            InputStream in = client.getInputStream();
            byte[] some = new byte[64 * 1024];
            assertThat(in.readNBytes(some, 0, some.length)).isEqualTo(some.length);
        }
        assertThatThrownBy(() -> transfer.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        try (Socket client = connect()) {
            ChannelHandlerContext next = accepted.poll(30, TimeUnit.SECONDS);
            CompletableFuture<byte[]> received = receive(client, huge.length);
            assertThat(onLoop(next, () -> serve(next, "huge", huge.length))).isTrue();
            assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(huge);
        }
    }

    @Test
    void aLargeBodyWaitsInTheUpstreamSocketUntilTheServerAsksForIt() throws Exception {
        try (Socket client = connect()) {
            ChannelHandlerContext ctx = accepted.poll(30, TimeUnit.SECONDS);
            BlobReader reader = onLoop(ctx, () -> store.openObject(BUCKET, "big", false, ReadHints.NONE,
                    ctx.channel()));
            Thread.sleep(500); // time enough for the upstream to send far more than one read's worth
            long waiting = onLoop(ctx, () -> CompletableFuture.completedFuture(((LoopReader) reader).bytesWaiting()));
            assertThat(waiting).as("bytes read ahead of the server").isLessThanOrEqualTo(UpstreamConnections.MAX_READ);
            CompletableFuture<byte[]> received = receive(client, big.length);
            assertThat(onLoop(ctx, () -> serve(ctx, reader, big.length))).as("spliced").isTrue();
            assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(big);
        }
    }

    /**
     * What the server does for a GET: opens the object, writes the response head, lets the reader transfer the body
     * (or reads it), ends the response. Yields whether the reader transferred it.
     */
    private static CompletionStage<Boolean> serve(ChannelHandlerContext ctx, String key, long length) {
        return store.openObject(BUCKET, key, false, ReadHints.NONE, ctx.channel())
                .thenCompose(reader -> serve(ctx, reader, length));
    }

    private static CompletionStage<Boolean> serve(ChannelHandlerContext ctx, BlobReader reader, long length) {
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        ctx.write(head);
        Optional<CompletionStage<Void>> transfer = reader.transferTo(ctx, 0, length);
        CompletionStage<Void> body = transfer.isPresent() ? transfer.get() : copy(ctx, reader, length);
        return body.handle((v, e) -> {
            reader.close();
            if (e != null) {
                ctx.close();
                throw new IllegalStateException(e);
            }
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            return transfer.isPresent();
        });
    }

    private static CompletionStage<Void> copy(ChannelHandlerContext ctx, BlobReader reader, long length) {
        return reader.read(0, (int) length, ctx.alloc()).thenAccept(buf -> ctx.write(
                new io.netty.handler.codec.http.DefaultHttpContent(buf)));
    }

    /** Reads one response off the client socket: its head, then {@code length} body bytes. */
    private static CompletableFuture<byte[]> receive(Socket client, int length) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                InputStream in = client.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("closed in the head: " + head);
                    }
                    head.write(b);
                }
                assertThat(head.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 OK")
                        .contains("content-length: " + length);
                byte[] body = in.readNBytes(length);
                assertThat(body).hasSize(length);
                return body;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> T onLoop(ChannelHandlerContext ctx, Supplier<CompletionStage<T>> action) throws Exception {
        CompletableFuture<T> out = new CompletableFuture<>();
        ctx.executor().execute(() -> action.get().whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(v);
            }
        }));
        return out.get(60, TimeUnit.SECONDS);
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(server.localAddress(), 5000);
        s.setSoTimeout(60_000);
        return s;
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
