package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.trustgate.redis.passthrough.ClusterRepliesTest.resp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterScanTest {

    @Test
    void cursorZeroStartsAtTheFirstMaster() {
        assertThat(ClusterScan.node(0)).isZero();
        assertThat(ClusterScan.nodeCursor(0)).isZero();
    }

    @Test
    void carriesTheMasterInTheHighBits() {
        long cursor = ClusterScan.next(2, 3, 1234);
        assertThat(ClusterScan.node(cursor)).isEqualTo(2);
        assertThat(ClusterScan.nodeCursor(cursor)).isEqualTo(1234);
        assertThat(ClusterScan.next(0, 3, 99)).as("master 0 cursors are the node's own").isEqualTo(99);
    }

    @Test
    void movesToTheNextMasterThenEnds() {
        long next = ClusterScan.next(0, 3, 0);
        assertThat(ClusterScan.node(next)).isEqualTo(1);
        assertThat(ClusterScan.nodeCursor(next)).isZero();
        assertThat(ClusterScan.next(2, 3, 0)).isZero();
    }

    @Test
    void refusesAMasterCursorThatDoesNotFit() {
        assertThatThrownBy(() -> ClusterScan.next(0, 3, 1L << ClusterScan.NODE_SHIFT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterScan.next(0, 3, -1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsCursorsAsUnsigned() {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, "SCAN", "18014398509481984");
        try {
            long cursor = ClusterScan.cursor(request);
            assertThat(ClusterScan.node(cursor)).isEqualTo(1);
        } finally {
            request.release();
        }
    }

    @Test
    void rewritesOnlyTheCursorOfTheRequest() {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, "scan", "123", "MATCH", "k*", "COUNT", "5");
        ByteBuf sub = ClusterScan.subRequest(request, 7, ByteBufAllocator.DEFAULT);
        try {
            assertThat(sub.toString(StandardCharsets.UTF_8)).isEqualTo(
                    "*6\r\n$4\r\nscan\r\n$1\r\n7\r\n$5\r\nMATCH\r\n$2\r\nk*\r\n$5\r\nCOUNT\r\n$1\r\n5\r\n");
        } finally {
            sub.release();
            request.release();
        }
    }

    @Test
    void rewritesTheReplyCursorAndKeepsTheKeys() {
        ClusterTestSink out = new ClusterTestSink();
        ByteBuf reply = resp("*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        ClusterScan.rewrite(0, 3, out, ByteBufAllocator.DEFAULT, "c1").complete(reply);
        assertThat(out.reply).isEqualTo("*2\r\n$17\r\n" + (1L << ClusterScan.NODE_SHIFT)
                + "\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertThat(reply.refCnt()).isZero();
    }

    @Test
    void passesErrorsThrough() {
        ClusterTestSink out = new ClusterTestSink();
        ClusterScan.rewrite(1, 3, out, ByteBufAllocator.DEFAULT, "c1").complete(resp("-ERR nope\r\n"));
        assertThat(out.reply).isEqualTo("-ERR nope\r\n");
    }
}
