package io.trustgate.redis.passthrough;

import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.route.BackendProfile.Answer;
import io.trustgate.redis.route.BackendProfile.Declaration;

import java.util.List;

/**
 * The capability declarations of the passthrough targets. A standalone Redis answers every command itself. A
 * cluster's answers are computed from the very predicates {@link ClusterTarget} routes with
 * ({@link ClusterTarget#clusterOnly}, {@link ClusterTarget#everyMaster}, {@link ClusterSplitter#kind},
 * {@link ClusterTarget#relayRefusal}, {@link ClusterTarget#selectRefusal}), so the report cannot drift from what
 * the data path does. Stateless.
 */
final class PassthroughProfiles {

    static final String RELAYED = "relayed: the client gets a backend connection of its own";

    /** Subcommands {@link ClusterTarget#everyMaster} sends to every master; rows of their own in reports. */
    static final List<String> CLUSTER_FORMS = List.of("SCRIPT LOAD", "SCRIPT FLUSH", "FUNCTION LOAD",
            "FUNCTION DELETE", "FUNCTION FLUSH", "FUNCTION RESTORE");

    static final Declaration STANDALONE = new Declaration() {
        @Override
        public Answer command(CommandSpec spec, RespRequest sample) {
            if (spec.blocking()) {
                return Answer.nativeAnswer("on a pinned connection, without command timeout");
            }
            return switch (spec.name()) {
                case "WATCH" -> Answer.nativeAnswer("the client moves to a pinned connection");
                case "MULTI", "EXEC" -> Answer.nativeAnswer("queued by the gateway, then sent as one batch");
                default -> Answer.nativeAnswer(null);
            };
        }

        @Override
        public Answer relay(CommandSpec spec, RespRequest sample) {
            return Answer.nativeAnswer(spec.name().equals("HELLO") ? RELAYED + ", so RESP3 replies are the server's"
                    : RELAYED);
        }

        @Override
        public Answer select(int db) {
            return Answer.nativeAnswer("the client moves to a pinned connection on that db");
        }
    };

    static final Declaration CLUSTER = new Declaration() {
        @Override
        public Answer command(CommandSpec spec, RespRequest sample) {
            if (ClusterTarget.clusterOnly(spec)) {
                return Answer.refused("the gateway looks like one standalone server and answers -"
                        + ClusterTarget.CLUSTER_DISABLED);
            }
            if (spec.name().equals("SCAN")) {
                return Answer.emulated("walks the masters one after the other behind one cursor");
            }
            ClusterMerge.Kind merge = ClusterTarget.everyMaster(spec, sample);
            if (merge != null) {
                return Answer.emulated("sent to every master, replies " + merged(merge)
                        + "; refused inside MULTI, which runs on one node");
            }
            ClusterSplitter.Kind split = ClusterSplitter.kind(spec);
            if (split != null) {
                return Answer.emulated("keys in several slots: split per slot, replies " + merged(split.merge)
                        + (split == ClusterSplitter.Kind.MSET ? "; not atomic across slots" : ""));
            }
            return switch (spec.name()) {
                case "MULTI", "EXEC" -> Answer.nativeAnswer("on the master of the transaction's keys, which must "
                        + "share one slot (else CROSSSLOT); commands that need every master are refused inside");
                case "WATCH" -> Answer.nativeAnswer("keys of one node, the node the transaction then runs on");
                case "DISCARD", "UNWATCH" -> Answer.nativeAnswer(null);
                default -> keyed(spec);
            };
        }

        /** Keyed commands go to their slot's master; keyless ones to the first master (its own view for INFO,
         *  CONFIG, TIME...; MOVED is followed for commands whose keys only the server finds, such as OBJECT). */
        private Answer keyed(CommandSpec spec) {
            if (spec.hasKeys() && (spec.movableKeys() || spec.lastKey() < 0 || spec.lastKey() > spec.firstKey())) {
                return Answer.nativeAnswer("every key must hash to one slot (use hash tags), else CROSSSLOT");
            }
            return Answer.nativeAnswer(null);
        }

        @Override
        public Answer relay(CommandSpec spec, RespRequest sample) {
            String refusal = ClusterTarget.relayRefusal(sample);
            if (refusal != null) {
                return Answer.refused(refusal);
            }
            return switch (spec.name()) {
                case "MONITOR" -> Answer.nativeAnswer(RELAYED + "; shows the first master's traffic only");
                case "SSUBSCRIBE", "SUNSUBSCRIBE" -> Answer.nativeAnswer(RELAYED
                        + " to the master of the channel's slot");
                default -> Answer.nativeAnswer(RELAYED + " to one master; PUBLISH reaches every node");
            };
        }

        @Override
        public Answer select(int db) {
            String refusal = ClusterTarget.selectRefusal(db);
            return refusal == null ? Answer.nativeAnswer(null)
                    : Answer.refused("Redis Cluster has db 0 only; answered -" + refusal);
        }

        @Override
        public List<String> forms() {
            return CLUSTER_FORMS;
        }
    };

    private PassthroughProfiles() {
    }

    private static String merged(ClusterMerge.Kind kind) {
        return switch (kind) {
            case VALUES -> "merged in the client's key order";
            case SUM -> "added up";
            case CONCAT -> "concatenated";
            case FIRST -> "merged (the first, once all succeeded)";
            case ANY -> "merged (the first non-null)";
        };
    }
}
