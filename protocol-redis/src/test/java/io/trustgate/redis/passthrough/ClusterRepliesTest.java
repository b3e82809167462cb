package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterRepliesTest {

    private static final InetSocketAddress REPLIED = new InetSocketAddress("127.0.0.1", 7000);

    static ByteBuf resp(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void readsMovedAndAsk() {
        ByteBuf moved = resp("-MOVED 3999 127.0.0.1:7001\r\n");
        ByteBuf ask = resp("-ASK 12182 127.0.0.1:7002\r\n");
        try {
            ClusterReplies.Redirect m = ClusterReplies.redirect(moved, REPLIED);
            assertThat(m.ask()).isFalse();
            assertThat(m.slot()).isEqualTo(3999);
            assertThat(m.node()).isEqualTo(new InetSocketAddress("127.0.0.1", 7001));
            assertThat(m.text()).isEqualTo("MOVED 3999 127.0.0.1:7001");
            ClusterReplies.Redirect a = ClusterReplies.redirect(ask, REPLIED);
            assertThat(a.ask()).isTrue();
            assertThat(a.slot()).isEqualTo(12182);
            assertThat(a.node().getPort()).isEqualTo(7002);
        } finally {
            moved.release();
            ask.release();
        }
    }

    @Test
    void takesTheRepliersHostWhenTheRedirectHasNone() {
        ByteBuf moved = resp("-MOVED 1 :7005\r\n");
        try {
            assertThat(ClusterReplies.redirect(moved, REPLIED).node())
                    .isEqualTo(new InetSocketAddress("127.0.0.1", 7005));
        } finally {
            moved.release();
        }
    }

    @Test
    void ignoresRepliesThatAreNotRedirects() {
        for (String s : List.of("+OK\r\n", "-ERR MOVED nothing\r\n", "-MOVED x y\r\n", "-MOVEDX 1 a:1\r\n",
                "$5\r\nMOVED\r\n", "-ASK 99999 127.0.0.1:1\r\n")) {
            ByteBuf b = resp(s);
            try {
                assertThat(ClusterReplies.redirect(b, REPLIED)).as(s).isNull();
            } finally {
                b.release();
            }
        }
    }

    @Test
    void tellsErrorsApart() {
        ByteBuf error = resp("-ERR no\r\n");
        ByteBuf ok = resp("+OK\r\n");
        try {
            assertThat(ClusterReplies.isError(error)).isTrue();
            assertThat(ClusterReplies.errorText(error)).isEqualTo("ERR no");
            assertThat(ClusterReplies.isError(ok)).isFalse();
            assertThat(ClusterReplies.isError(new ErrorRedisMessage("ERR x"))).isTrue();
        } finally {
            error.release();
            ok.release();
        }
    }

    @Test
    void readsIntegersAndArrayHeaders() {
        ByteBuf n = resp(":-42\r\n");
        ByteBuf array = resp("*3\r\n$1\r\na\r\n$-1\r\n*2\r\n:1\r\n+x\r\n");
        ByteBuf nil = resp("*-1\r\n");
        try {
            assertThat(ClusterReplies.integer(n)).isEqualTo(-42);
            assertThat(ClusterReplies.arrayCount(array)).isEqualTo(3);
            assertThat(ClusterReplies.headerLength(array)).isEqualTo(4);
            assertThat(ClusterReplies.arrayCount(nil)).isEqualTo(-1);
            assertThat(ClusterReplies.elements(array)).containsExactly(4, 7, 11, 5, 16, 12);
            assertThat(ClusterReplies.elements(nil)).isEmpty();
            assertThatThrownBy(() -> ClusterReplies.integer(array)).isInstanceOf(IllegalArgumentException.class);
        } finally {
            n.release();
            array.release();
            nil.release();
        }
    }

    @Test
    void findsElementsRelativeToTheReaderIndex() {
        ByteBuf b = resp("xx*2\r\n:1\r\n:2\r\n");
        try {
            b.skipBytes(2);
            assertThat(ClusterReplies.elements(b)).containsExactly(4, 4, 8, 4);
        } finally {
            b.release();
        }
    }

    @Test
    void refusesATruncatedArray() {
        ByteBuf b = resp("*2\r\n:1\r\n");
        try {
            assertThatThrownBy(() -> ClusterReplies.elements(b)).isInstanceOf(IllegalArgumentException.class);
        } finally {
            b.release();
        }
    }

    @Test
    void parsesWholeValues() {
        ByteBuf b = resp("*4\r\n:7\r\n$3\r\nabc\r\n*2\r\n+ok\r\n$-1\r\n-ERR bad\r\n");
        try {
            Object v = ClusterReplies.parse(b);
            assertThat(v).isEqualTo(List.of(7L, "abc", Arrays.asList("ok", null), new ClusterReplies.Error("ERR bad")));
            assertThat(b.readerIndex()).isZero();
        } finally {
            b.release();
        }
    }
}
