package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import static io.trustgate.redis.passthrough.ClusterRepliesTest.resp;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterMergeTest {

    private static ClusterMerge merge(ClusterMerge.Kind kind, int parts, int[][] positions, int total,
                                      ClusterTestSink out) {
        return new ClusterMerge(kind, parts, positions, total, out, ByteBufAllocator.DEFAULT, "c1");
    }

    @Test
    void putsMgetValuesBackInTheClientsOrder() {
        ClusterTestSink out = new ClusterTestSink();
        ClusterMerge merge = merge(ClusterMerge.Kind.VALUES, 2, new int[][] {{1, 2}, {0, 3}}, 4, out);
        ByteBuf first = resp("*2\r\n$1\r\nb\r\n$-1\r\n");
        ByteBuf second = resp("*2\r\n$1\r\na\r\n$2\r\ndd\r\n");
        merge.part(1).complete(second);
        assertThat(out.answers).as("waits for every part").isZero();
        merge.part(0).complete(first);
        assertThat(out.reply).isEqualTo("*4\r\n$1\r\na\r\n$1\r\nb\r\n$-1\r\n$2\r\ndd\r\n");
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void addsUpCounts() {
        ClusterTestSink out = new ClusterTestSink();
        ClusterMerge merge = merge(ClusterMerge.Kind.SUM, 3, null, 0, out);
        merge.part(0).complete(resp(":2\r\n"));
        merge.part(1).complete(resp(":0\r\n"));
        merge.part(2).complete(resp(":5\r\n"));
        assertThat(out.reply).isEqualTo(":7\r\n");
    }

    @Test
    void concatenatesArrays() {
        ClusterTestSink out = new ClusterTestSink();
        ClusterMerge merge = merge(ClusterMerge.Kind.CONCAT, 3, null, 0, out);
        merge.part(0).complete(resp("*1\r\n$1\r\na\r\n"));
        merge.part(1).complete(resp("*0\r\n"));
        merge.part(2).complete(resp("*2\r\n$1\r\nb\r\n$1\r\nc\r\n"));
        assertThat(out.reply).isEqualTo("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
    }

    @Test
    void answersTheFirstReplyWhenAllSucceed() {
        ClusterTestSink out = new ClusterTestSink();
        ClusterMerge merge = merge(ClusterMerge.Kind.FIRST, 2, null, 0, out);
        merge.part(0).complete(resp("+OK\r\n"));
        merge.part(1).complete(resp("+OK\r\n"));
        assertThat(out.reply).isEqualTo("+OK\r\n");
        assertThat(out.answers).isEqualTo(1);
    }

    @Test
    void answersTheFirstNonNullReply() {
        ClusterTestSink out = new ClusterTestSink();
        ClusterMerge merge = merge(ClusterMerge.Kind.ANY, 3, null, 0, out);
        merge.part(0).complete(resp("$-1\r\n"));
        merge.part(1).complete(resp("$3\r\nkey\r\n"));
        merge.part(2).complete(resp("$5\r\nother\r\n"));
        assertThat(out.reply).isEqualTo("$3\r\nkey\r\n");
        ClusterTestSink empty = new ClusterTestSink();
        ClusterMerge none = merge(ClusterMerge.Kind.ANY, 2, null, 0, empty);
        none.part(0).complete(resp("$-1\r\n"));
        none.part(1).complete(resp("$-1\r\n"));
        assertThat(empty.reply).isEqualTo("$-1\r\n");
    }

    @Test
    void answersTheFirstErrorInPartOrderAndReleasesTheRest() {
        ClusterTestSink out = new ClusterTestSink();
        ClusterMerge merge = merge(ClusterMerge.Kind.SUM, 3, null, 0, out);
        ByteBuf ok = resp(":1\r\n");
        ByteBuf late = resp("-ERR second\r\n");
        merge.part(0).complete(ok);
        merge.part(2).complete(late);
        merge.part(1).fail("ERR backend 'c1' unavailable");
        assertThat(out.reply).isEqualTo("-ERR backend 'c1' unavailable\r\n");
        assertThat(ok.refCnt()).isZero();
        assertThat(late.refCnt()).isZero();
    }

    @Test
    void turnsAnUnexpectedReplyIntoAClearError() {
        ClusterTestSink out = new ClusterTestSink();
        ClusterMerge merge = merge(ClusterMerge.Kind.VALUES, 1, new int[][] {{0, 1}}, 2, out);
        ByteBuf wrong = resp("*1\r\n$1\r\na\r\n");
        merge.part(0).complete(wrong);
        assertThat(out.reply).startsWith("-ERR backend 'c1' sent an unexpected reply");
        assertThat(wrong.refCnt()).isZero();
    }
}
