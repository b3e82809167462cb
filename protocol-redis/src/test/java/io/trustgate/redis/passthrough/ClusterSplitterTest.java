package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterSplitterTest {

    private static final CommandTable TABLE = CommandTable.standard();

    private static int slotOf(String... args) {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            CommandSpec spec = TABLE.lookup(request);
            return ClusterSplitter.slotOf(spec, request);
        } finally {
            request.release();
        }
    }

    @Test
    void findsTheOneSlotOfAllKeys() {
        assertThat(slotOf("GET", "foo")).isEqualTo(12182);
        assertThat(slotOf("MGET", "{foo}a", "{foo}b")).isEqualTo(12182);
        assertThat(slotOf("EVAL", "return 1", "2", "{foo}a", "{foo}b", "arg")).isEqualTo(12182);
    }

    @Test
    void tellsKeylessAndCrossSlotCommands() {
        assertThat(slotOf("DBSIZE")).isEqualTo(ClusterSplitter.NO_KEYS);
        assertThat(slotOf("EVAL", "return 1", "0")).isEqualTo(ClusterSplitter.NO_KEYS);
        assertThat(slotOf("MGET", "foo", "bar")).isEqualTo(ClusterSplitter.CROSS);
        assertThat(slotOf("RENAME", "foo", "bar")).isEqualTo(ClusterSplitter.CROSS);
        assertThat(ClusterSplitter.slotOf(null, null)).isEqualTo(ClusterSplitter.NO_KEYS);
    }

    @Test
    void splitsOnlyCommandsWhoseResultCanBeRebuilt() {
        assertThat(ClusterSplitter.kind(TABLE.lookup("MGET"))).isEqualTo(ClusterSplitter.Kind.MGET);
        assertThat(ClusterSplitter.kind(TABLE.lookup("MSET"))).isEqualTo(ClusterSplitter.Kind.MSET);
        for (String count : List.of("DEL", "UNLINK", "EXISTS", "TOUCH")) {
            assertThat(ClusterSplitter.kind(TABLE.lookup(count))).isEqualTo(ClusterSplitter.Kind.COUNT);
        }
        for (String refused : List.of("MSETNX", "SUNION", "RENAME", "EVAL", "BLPOP")) {
            assertThat(ClusterSplitter.kind(TABLE.lookup(refused))).as(refused).isNull();
        }
    }

    @Test
    void splitsMgetPerSlotKeepingKeyOrderAndPositions() {
        // foo -> 12182, bar -> 5061, {bar}x -> 5061
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, "mget", "foo", "bar", "{bar}x", "foo");
        List<ClusterSplitter.Part> parts = ClusterSplitter.split(request, ClusterSplitter.Kind.MGET,
                ByteBufAllocator.DEFAULT);
        try {
            assertThat(parts).hasSize(2);
            assertThat(parts.get(0).slot()).isEqualTo(5061);
            assertThat(parts.get(0).keys()).containsExactly(1, 2);
            assertThat(parts.get(0).frame().toString(StandardCharsets.UTF_8))
                    .isEqualTo("*3\r\n$4\r\nmget\r\n$3\r\nbar\r\n$6\r\n{bar}x\r\n");
            assertThat(parts.get(1).slot()).isEqualTo(12182);
            assertThat(parts.get(1).keys()).containsExactly(0, 3);
            assertThat(parts.get(1).frame().toString(StandardCharsets.UTF_8))
                    .isEqualTo("*3\r\n$4\r\nmget\r\n$3\r\nfoo\r\n$3\r\nfoo\r\n");
            assertThat(request.refCnt()).isEqualTo(1);
        } finally {
            parts.forEach(p -> p.frame().release());
            request.release();
        }
    }

    @Test
    void splitsMsetKeepingEachValueWithItsKey() {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, "MSET", "foo", "1", "bar", "2", "foo", "3");
        List<ClusterSplitter.Part> parts = ClusterSplitter.split(request, ClusterSplitter.Kind.MSET,
                ByteBufAllocator.DEFAULT);
        try {
            assertThat(parts).extracting(p -> p.frame().toString(StandardCharsets.UTF_8)).containsExactly(
                    "*3\r\n$4\r\nMSET\r\n$3\r\nbar\r\n$1\r\n2\r\n",
                    "*5\r\n$4\r\nMSET\r\n$3\r\nfoo\r\n$1\r\n1\r\n$3\r\nfoo\r\n$1\r\n3\r\n");
        } finally {
            parts.forEach(p -> p.frame().release());
            request.release();
        }
    }

    @Test
    void checksMsetComesInPairs() {
        RespRequest odd = RespRequest.of(ByteBufAllocator.DEFAULT, "MSET", "foo", "1", "bar");
        RespRequest even = RespRequest.of(ByteBufAllocator.DEFAULT, "MSET", "foo", "1", "bar", "2");
        try {
            assertThat(ClusterSplitter.wellFormed(odd, ClusterSplitter.Kind.MSET)).isFalse();
            assertThat(ClusterSplitter.wellFormed(even, ClusterSplitter.Kind.MSET)).isTrue();
            assertThat(ClusterSplitter.wellFormed(odd, ClusterSplitter.Kind.COUNT)).isTrue();
        } finally {
            odd.release();
            even.release();
        }
    }
}
