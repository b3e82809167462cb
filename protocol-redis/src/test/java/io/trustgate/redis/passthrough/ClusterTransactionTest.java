package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTransactionTest {

    private static ClusterTransaction.Plan plan(String[]... commands) {
        List<RespRequest> queued = new ArrayList<>();
        for (String[] c : commands) {
            queued.add(RespRequest.of(ByteBufAllocator.DEFAULT, c));
        }
        try {
            return ClusterTransaction.plan(queued);
        } finally {
            queued.forEach(RespRequest::release);
        }
    }

    private static String[] cmd(String... args) {
        return args;
    }

    @Test
    void runsOnTheSlotOfItsKeysWithKeylessCommandsFollowing() {
        ClusterTransaction.Plan p = plan(cmd("SET", "{foo}a", "1"), cmd("TIME"), cmd("INCR", "{foo}b"),
                cmd("MGET", "foo", "{foo}c"));
        assertThat(p.refusal()).isNull();
        assertThat(p.slot()).isEqualTo(12182);
    }

    @Test
    void hasNoSlotWithoutKeys() {
        ClusterTransaction.Plan p = plan(cmd("TIME"), cmd("ECHO", "x"));
        assertThat(p.refusal()).isNull();
        assertThat(p.slot()).isEqualTo(ClusterSplitter.NO_KEYS);
        assertThat(plan().slot()).isEqualTo(ClusterSplitter.NO_KEYS);
    }

    @Test
    void refusesKeysInTwoSlots() {
        assertThat(plan(cmd("SET", "foo", "1"), cmd("SET", "bar", "1")).refusal())
                .isEqualTo(ClusterSplitter.CROSSSLOT);
        assertThat(plan(cmd("MGET", "foo", "bar")).refusal()).as("one command spanning slots")
                .isEqualTo(ClusterSplitter.CROSSSLOT);
    }

    @Test
    void refusesCommandsThatNeedEveryNode() {
        for (String[] c : List.of(cmd("DBSIZE"), cmd("KEYS", "*"), cmd("FLUSHALL"), cmd("SCAN", "0"),
                cmd("RANDOMKEY"), cmd("SCRIPT", "LOAD", "return 1"))) {
            assertThat(plan(cmd("SET", "foo", "1"), c).refusal()).as(c[0])
                    .startsWith("EXECABORT").contains("needs every cluster node");
        }
        assertThat(plan(cmd("SCRIPT", "EXISTS", "abc")).refusal()).isNull();
    }

    @Test
    void refusesClusterCommands() {
        assertThat(plan(cmd("CLUSTER", "INFO")).refusal()).startsWith("EXECABORT")
                .endsWith(ClusterTarget.CLUSTER_DISABLED);
    }
}
