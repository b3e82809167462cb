package io.trustgate.redis.pubsub;

import io.trustgate.redis.spi.PubSubTransport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PubSubHubTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Records deliveries as "pattern|channel=message". */
    private static final class Recorder implements Subscriber {
        final List<String> got = new ArrayList<>();

        @Override
        public void deliver(byte[] pattern, byte[] channel, byte[] message) {
            got.add((pattern == null ? "" : new String(pattern, StandardCharsets.UTF_8)) + "|"
                    + new String(channel, StandardCharsets.UTF_8) + "=" + new String(message, StandardCharsets.UTF_8));
        }
    }

    private final List<String> sent = new ArrayList<>();
    private PubSubTransport.Sink sink;
    private final PubSubHub hub = new PubSubHub(() -> new PubSubTransport() {
        @Override
        public void start(Sink s) {
            sink = s;
        }

        @Override
        public void publish(byte[] channel, byte[] message) {
            sent.add(new String(channel, StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
        }
    });

    @Test
    void publishCountsEveryChannelAndPatternDelivery() {
        Recorder a = new Recorder();
        Recorder p = new Recorder();
        assertThat(hub.subscribe(a, b("news"))).isTrue();
        assertThat(hub.subscribe(a, b("news"))).as("already subscribed").isFalse();
        hub.psubscribe(p, b("n*"));
        hub.psubscribe(p, b("ne?s"));
        assertThat(hub.publish(b("news"), b("hi"))).isEqualTo(3);
        assertThat(a.got).containsExactly("|news=hi");
        assertThat(p.got).containsExactlyInAnyOrder("n*|news=hi", "ne?s|news=hi");
        assertThat(sent).as("handed to the transport for other instances").containsExactly("news");
        assertThat(hub.publish(b("other"), b("x"))).isZero();
    }

    @Test
    void messagesOfOtherInstancesReachLocalSubscribersOnly() {
        Recorder a = new Recorder();
        hub.subscribe(a, b("c"));
        sink.message(b("c"), b("remote"));
        assertThat(a.got).containsExactly("|c=remote");
        assertThat(sent).isEmpty();
    }

    @Test
    void introspectionFollowsUnsubscribes() {
        Recorder a = new Recorder();
        Recorder c = new Recorder();
        hub.subscribe(a, b("x"));
        hub.subscribe(c, b("x"));
        hub.subscribe(c, b("y"));
        hub.psubscribe(c, b("*"));
        assertThat(hub.numsub(b("x"))).isEqualTo(2);
        assertThat(hub.numpat()).isEqualTo(1);
        assertThat(hub.channels(b("[x]")).stream().map(String::new)).containsExactly("x");
        assertThat(hub.unsubscribe(a, b("x"))).isTrue();
        assertThat(hub.unsubscribe(a, b("x"))).isFalse();
        hub.unsubscribe(c, b("x"));
        hub.punsubscribe(c, b("*"));
        assertThat(hub.numsub(b("x"))).isZero();
        assertThat(hub.numpat()).isZero();
        assertThat(hub.channels(null).stream().map(String::new)).containsExactly("y");
    }

    @Test
    void globsMatchAsRedisDoes() {
        assertThat(Glob.matches(b("h?llo"), b("hello"))).isTrue();
        assertThat(Glob.matches(b("h*o"), b("ho"))).isTrue();
        assertThat(Glob.matches(b("h[ae]llo"), b("hallo"))).isTrue();
        assertThat(Glob.matches(b("h[^e]llo"), b("hello"))).isFalse();
        assertThat(Glob.matches(b("h[a-c]llo"), b("hbllo"))).isTrue();
        assertThat(Glob.matches(b("h\\*"), b("h*"))).isTrue();
        assertThat(Glob.matches(b("h\\*"), b("hx"))).isFalse();
        assertThat(Glob.matches(b("*"), b(""))).isTrue();
        assertThat(Glob.matches(b("a*b*c"), b("abxbc"))).isTrue();
        assertThat(Glob.matches(b("a*b*c"), b("abxb"))).isFalse();
    }
}
