package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import io.trustgate.redis.command.keyspace.CommandSupport;
import io.trustgate.redis.route.BackendProfile;
import io.trustgate.redis.route.BackendProfile.Answer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PassthroughProfilesTest {

    /** Every subcommand Redis 7.0 has for the commands whose cluster answer depends on the subcommand. */
    private static final Map<String, List<String>> SUBCOMMANDS = Map.of(
            "SCRIPT", List.of("DEBUG", "EXISTS", "FLUSH", "HELP", "KILL", "LOAD"),
            "FUNCTION", List.of("DELETE", "DUMP", "FLUSH", "HELP", "KILL", "LIST", "LOAD", "RESTORE", "STATS"));

    private final BackendProfile standalone = BackendProfile.of("redis", StandaloneTarget.declaration());
    private final BackendProfile cluster = BackendProfile.of("redis-cluster", ClusterTarget.declaration());

    @Test
    void standaloneAnswersEverythingNatively() {
        for (String form : BackendProfile.forms(List.of(standalone, cluster))) {
            assertThat(standalone.answer(form).support()).as(form).isEqualTo(CommandSupport.NATIVE);
        }
        assertThat(standalone.answer("BLPOP").reason()).contains("pinned");
        assertThat(standalone.answer("HELLO 3").reason()).contains("relayed");
        assertThat(standalone.answer("SUBSCRIBE").reason()).contains("relayed");
    }

    @Test
    void clusterSplitsMultiKeyCommandsThatMergeExactly() {
        for (String name : List.of("MGET", "MSET", "DEL", "UNLINK", "EXISTS", "TOUCH")) {
            assertThat(cluster.answer(name).support()).as(name).isEqualTo(CommandSupport.EMULATED);
        }
        assertThat(cluster.answer("MSET").reason()).contains("not atomic");
        assertThat(cluster.answer("MGET").reason()).contains("key order");
    }

    @Test
    void clusterFansOutWholeKeyspaceCommands() {
        for (String form : List.of("KEYS", "DBSIZE", "RANDOMKEY", "FLUSHDB", "FLUSHALL", "SCAN", "SCRIPT LOAD",
                "FUNCTION FLUSH")) {
            assertThat(cluster.answer(form).support()).as(form).isEqualTo(CommandSupport.EMULATED);
        }
        assertThat(cluster.answer("SCRIPT").support()).isEqualTo(CommandSupport.NATIVE);
        assertThat(cluster.answer("SCRIPT EXISTS").support()).isEqualTo(CommandSupport.NATIVE);
    }

    @Test
    void clusterRefusesWhatWouldBeWrong() {
        for (String name : List.of("CLUSTER", "READONLY", "READWRITE", "ASKING")) {
            assertThat(cluster.answer(name)).as(name).isEqualTo(cluster.answer("CLUSTER"));
            assertThat(cluster.answer(name).support()).isEqualTo(CommandSupport.REFUSED);
        }
        assertThat(cluster.answer("CLUSTER").reason()).contains(ClusterTarget.CLUSTER_DISABLED);
        assertThat(cluster.answer("SELECT 1").support()).isEqualTo(CommandSupport.REFUSED);
        assertThat(cluster.answer("SELECT 1").reason()).contains(ClusterTarget.SELECT_REFUSED);
        assertThat(cluster.answer("SELECT").support()).isEqualTo(CommandSupport.NATIVE);
        assertThat(cluster.answer("HELLO 3").support()).isEqualTo(CommandSupport.REFUSED);
        assertThat(cluster.answer("HELLO 3").reason()).contains("NOPROTO");
        assertThat(cluster.answer("CLIENT TRACKING").support()).isEqualTo(CommandSupport.REFUSED);
    }

    @Test
    void clusterNamesTheCrossSlotCaveatOnOtherMultiKeyCommands() {
        for (String name : List.of("SUNION", "RENAME", "LMOVE", "EVAL", "ZUNIONSTORE")) {
            assertThat(cluster.answer(name).support()).as(name).isEqualTo(CommandSupport.NATIVE);
            assertThat(cluster.answer(name).reason()).as(name).contains("CROSSSLOT");
        }
        assertThat(cluster.answer("GET")).isEqualTo(Answer.nativeAnswer(null));
        assertThat(cluster.answer("SUBSCRIBE").support()).isEqualTo(CommandSupport.NATIVE);
        assertThat(cluster.answer("MONITOR").reason()).contains("first master");
    }

    /** The rows list exactly the subcommands the cluster target fans out, so none hides behind its command. */
    @Test
    void clusterFormsAreExactlyTheSubcommandsSentToEveryMaster() {
        List<String> fannedOut = new ArrayList<>();
        SUBCOMMANDS.forEach((name, subs) -> {
            CommandSpec spec = CommandTable.standard().lookup(name);
            for (String sub : subs) {
                RespRequest r = RespRequest.of(ByteBufAllocator.DEFAULT, name, sub);
                try {
                    if (ClusterTarget.everyMaster(spec, r) != null) {
                        fannedOut.add(name + " " + sub);
                    }
                } finally {
                    r.release();
                }
            }
        });
        assertThat(PassthroughProfiles.CLUSTER_FORMS).containsExactlyInAnyOrderElementsOf(fannedOut);
        assertThat(cluster.forms()).containsAll(fannedOut);
    }

    /** What the profile calls "refused inside MULTI" is what the transaction planner refuses. */
    @Test
    void everyFanOutIsRefusedInsideATransaction() {
        int checked = 0;
        for (String form : cluster.forms()) {
            Answer answer = cluster.answer(form);
            if (answer.support() != CommandSupport.EMULATED || !answer.reason().contains("every master")
                    && !form.equals("SCAN")) {
                continue;
            }
            List<RespRequest> queued = List.of(RespRequest.of(ByteBufAllocator.DEFAULT, form.split(" ")));
            try {
                assertThat(ClusterTransaction.plan(queued).refusal()).as(form).startsWith("EXECABORT");
            } finally {
                queued.forEach(RespRequest::release);
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(12);
    }
}
