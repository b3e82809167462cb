package io.trustgate.redis.passthrough;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.trustgate.redis.session.ReplySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.trustgate.redis.passthrough.ClusterRepliesTest.resp;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterRedirectTest {

    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 7000);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 7001);

    private record Sent(InetSocketAddress node, boolean asking, String frame) {
    }

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final UpstreamSettings settings = new UpstreamSettings("c1", null, null, Duration.ofSeconds(1),
            Duration.ofSeconds(1), 1, NioSocketChannel.class, new SimpleMeterRegistry());
    private final ClusterTopology topology = new ClusterTopology(settings, List.of(A), loop.eventLoop());
    private final List<Sent> sent = new ArrayList<>();
    private final List<Boolean> observed = new ArrayList<>();
    private final ClusterTestSink out = new ClusterTestSink();
    private ReplySink current;

    @AfterEach
    void closeLoop() {
        topology.close();
        loop.finishAndReleaseAll();
    }

    private ClusterRedirect redirect(ByteBuf frame) {
        return new ClusterRedirect(frame, A, out, topology, (node, asking, f, sink) -> {
            sent.add(new Sent(node, asking, f.toString(StandardCharsets.UTF_8)));
            f.release();
            current = sink;
        }, observed::add, "c1");
    }

    @Test
    void resendsToTheNewOwnerAfterMovedAndRecordsIt() {
        topology.install(SlotMap.of(List.of(new SlotMap.Range(0, 16383, A))));
        ByteBuf frame = resp("*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n");
        redirect(frame).start();
        current.complete(resp("-MOVED 12182 127.0.0.1:7001\r\n"));
        assertThat(sent).containsExactly(new Sent(A, false, "*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n"),
                new Sent(B, false, "*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n"));
        assertThat(topology.map().owner(12182)).isEqualTo(B);
        assertThat(topology.map().owner(12181)).isEqualTo(A);
        assertThat(out.answers).isZero();
        current.complete(resp("$3\r\nbar\r\n"));
        assertThat(out.reply).isEqualTo("$3\r\nbar\r\n");
        assertThat(observed).containsExactly(false);
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void sendsAskingForAskAndLeavesTheMapAlone() {
        topology.install(SlotMap.of(List.of(new SlotMap.Range(0, 16383, A))));
        ByteBuf frame = resp("*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n");
        redirect(frame).start();
        current.complete(resp("-ASK 12182 127.0.0.1:7001\r\n"));
        assertThat(sent.get(1)).isEqualTo(new Sent(B, true, "*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n"));
        assertThat(topology.map().owner(12182)).isEqualTo(A);
        current.complete(resp("$-1\r\n"));
        assertThat(out.reply).isEqualTo("$-1\r\n");
        assertThat(observed).containsExactly(true);
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void givesUpWithAClearErrorAfterTooManyRedirects() {
        ByteBuf frame = resp("*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n");
        redirect(frame).start();
        for (int i = 0; i <= ClusterRedirect.MAX_REDIRECTS; i++) {
            current.complete(resp("-ASK 12182 127.0.0.1:700" + (i % 2) + "\r\n"));
        }
        assertThat(sent).hasSize(1 + ClusterRedirect.MAX_REDIRECTS);
        assertThat(out.reply).startsWith("-ERR backend 'c1' redirected the command more than 5 times");
        assertThat(out.answers).isEqualTo(1);
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void passesOtherErrorsAndFailuresOn() {
        ByteBuf frame = resp("*1\r\n$4\r\nPING\r\n");
        redirect(frame).start();
        current.complete(resp("-ERR wrong type\r\n"));
        assertThat(out.reply).isEqualTo("-ERR wrong type\r\n");
        ByteBuf second = resp("*1\r\n$4\r\nPING\r\n");
        ClusterTestSink failed = new ClusterTestSink();
        new ClusterRedirect(second, A, failed, topology, (n, a, f, s) -> {
            f.release();
            s.fail("ERR backend 'c1' unavailable");
        }, observed::add, "c1").start();
        assertThat(failed.reply).isEqualTo("-ERR backend 'c1' unavailable\r\n");
        assertThat(frame.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }
}
