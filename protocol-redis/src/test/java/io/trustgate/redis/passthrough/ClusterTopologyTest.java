package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTopologyTest {

    private static final InetSocketAddress ASKED = new InetSocketAddress("127.0.0.1", 7000);

    @Test
    void buildsTheMapFromClusterSlots() {
        ByteBuf reply = ClusterRepliesTest.resp("*2\r\n"
                + "*4\r\n:0\r\n:8191\r\n*3\r\n$9\r\n127.0.0.1\r\n:7000\r\n$2\r\nid\r\n"
                + "*3\r\n$9\r\n127.0.0.1\r\n:7003\r\n$3\r\nid2\r\n"
                + "*3\r\n:8192\r\n:16383\r\n*4\r\n$9\r\n127.0.0.1\r\n:7001\r\n$2\r\nid\r\n*0\r\n");
        try {
            SlotMap map = ClusterTopology.parseSlots(ClusterReplies.parse(reply), ASKED);
            assertThat(map.coversAll()).isTrue();
            assertThat(map.owner(0)).isEqualTo(ASKED);
            assertThat(map.owner(8192)).isEqualTo(new InetSocketAddress("127.0.0.1", 7001));
            assertThat(map.masterCount()).as("replicas are not masters").isEqualTo(2);
        } finally {
            reply.release();
        }
    }

    @Test
    void takesTheAskedNodesHostForAnEmptyOrUnknownHost() {
        ByteBuf reply = ClusterRepliesTest.resp("*2\r\n"
                + "*3\r\n:0\r\n:10\r\n*2\r\n$0\r\n\r\n:7005\r\n"
                + "*3\r\n:11\r\n:20\r\n*2\r\n$1\r\n?\r\n:7006\r\n");
        try {
            SlotMap map = ClusterTopology.parseSlots(ClusterReplies.parse(reply), ASKED);
            assertThat(map.owner(5)).isEqualTo(new InetSocketAddress("127.0.0.1", 7005));
            assertThat(map.owner(15)).isEqualTo(new InetSocketAddress("127.0.0.1", 7006));
            assertThat(map.coversAll()).isFalse();
        } finally {
            reply.release();
        }
    }

    @Test
    void answersNullForAnEmptyTable() {
        ByteBuf reply = ClusterRepliesTest.resp("*0\r\n");
        try {
            assertThat(ClusterTopology.parseSlots(ClusterReplies.parse(reply), ASKED)).isNull();
        } finally {
            reply.release();
        }
    }
}
