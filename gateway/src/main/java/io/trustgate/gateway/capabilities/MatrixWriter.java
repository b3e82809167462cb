package io.trustgate.gateway.capabilities;

import io.trustgate.gateway.capabilities.CompatibilityMatrix.Column;
import io.trustgate.redis.command.keyspace.CommandSupport;
import io.trustgate.redis.route.BackendProfile;
import io.trustgate.redis.route.BackendProfile.Answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link CompatibilityMatrix} as a plain-text table (for a terminal and grep) or as the Markdown of
 * {@code docs/compatibility.md}. Output is a pure function of the matrix: no dates, no versions, {@code \n} line
 * ends, ASCII only, so the committed file can be compared byte for byte. Stateless.
 */
final class MatrixWriter {

    /** How {@code docs/compatibility.md} is made; the doc test quotes it when the file is stale. */
    static final String REGENERATE = "bin/trustgate capabilities --format markdown > docs/compatibility.md";

    /** Redis documentation groups in reading order: data types first, then keys, the connection, the server. */
    private static final List<String> GROUP_ORDER = List.of("string", "bitmap", "hyperloglog", "hash", "list",
            "set", "sorted-set", "geo", "stream", "generic", "transactions", "connection", "server", "pubsub",
            "scripting", "cluster");

    private MatrixWriter() {
    }

    static String letter(CommandSupport support) {
        return switch (support) {
            case NATIVE -> "N";
            case EMULATED -> "E";
            case IGNORED -> "I";
            case REFUSED -> "R";
            case UNKNOWN -> "?";
        };
    }

    /** One line per row: the command, its group, one letter per backend, then the notes. */
    static String text(CompatibilityMatrix m) {
        List<Column> columns = m.columns();
        int nameWidth = "COMMAND".length();
        int groupWidth = "GROUP".length();
        for (String row : m.rows()) {
            nameWidth = Math.max(nameWidth, row.length());
            groupWidth = Math.max(groupWidth, group(row).length());
        }
        StringBuilder out = new StringBuilder();
        out.append("N native, E emulated (correct, maybe slower), I ignored (a hint that changes no result), "
                + "R refused (-ERR ... is not supported by backend ...)\n\n");
        StringBuilder header = new StringBuilder(pad("COMMAND", nameWidth)).append("  ").append(pad("GROUP",
                groupWidth));
        for (Column c : columns) {
            header.append("  ").append(c.name());
        }
        out.append(header.append("  NOTES").toString().stripTrailing()).append('\n');
        for (String row : m.rows()) {
            StringBuilder line = new StringBuilder(pad(row, nameWidth)).append("  ").append(pad(group(row),
                    groupWidth));
            for (Column c : columns) {
                line.append("  ").append(pad(letter(c.profile().answer(row).support()), c.name().length()));
            }
            line.append("  ").append(notes(m, row));
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The whole of {@code docs/compatibility.md}. */
    static String markdown(CompatibilityMatrix m) {
        List<Column> columns = m.columns();
        StringBuilder out = new StringBuilder();
        out.append("# Redis compatibility\n\n")
                .append("<!-- Generated file: do not edit. Regenerate with: ").append(REGENERATE).append(" -->\n\n")
                .append("What each backend does with every Redis 7.0 command; the S3 operations follow in "
                        + "[S3 compatibility](#s3-compatibility). This file is generated from the "
                        + "capability declarations in the code, the same ones the gateway decides with at run time "
                        + "and `trustgate capabilities` prints; do not edit it by hand. Regenerate it with\n\n")
                .append("```sh\n").append(REGENERATE).append("\n```\n\n")
                .append("`CompatibilityDocTest` (module `gateway`) fails while this file differs from what the "
                        + "code declares.\n\n");
        out.append("## Legend\n\n")
                .append("| | answer | meaning |\n|---|---|---|\n")
                .append("| N | native | the backend does it |\n")
                .append("| E | emulated | the gateway builds it from what the backend has: correct, maybe slower |\n")
                .append("| I | ignored | a hint that changes no result is accepted and has no effect |\n")
                .append("| R | refused | `-ERR command 'X' is not supported by backend 'NAME' (reason)` or the "
                        + "error named in the notes; never a silent wrong answer |\n\n")
                .append("Notes say why for E, I and R, and name caveats for N. A row such as `HELLO 3` or "
                        + "`SCRIPT LOAD` is an argument form whose answer differs from its command's. "
                        + "Connection commands are answered by the gateway itself, the same way for every "
                        + "backend.\n\n");
        out.append("## Backends\n\n");
        for (Column c : columns) {
            out.append("- `").append(c.name()).append("`: ").append(c.description()).append('\n');
        }
        out.append('\n');
        summary(m, out);
        for (Map.Entry<String, List<String>> group : byGroup(m.rows()).entrySet()) {
            out.append("## ").append(group.getKey()).append("\n\n| command |");
            StringBuilder rule = new StringBuilder("|---|");
            for (Column c : columns) {
                out.append(' ').append(c.name()).append(" |");
                rule.append(":-:|");
            }
            out.append(" notes |\n").append(rule).append("---|\n");
            for (String row : group.getValue()) {
                out.append("| `").append(row).append("` |");
                for (Column c : columns) {
                    out.append(' ').append(letter(c.profile().answer(row).support())).append(" |");
                }
                String notes = notes(m, row).replace("|", "\\|");
                out.append(notes.isEmpty() ? "" : " " + notes).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void summary(CompatibilityMatrix m, StringBuilder out) {
        out.append("## Summary\n\nRows (commands and argument forms) per answer.\n\n| answer |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Column c : m.columns()) {
            out.append(' ').append(c.name()).append(" |");
            rule.append("--:|");
        }
        out.append('\n').append(rule).append('\n');
        for (CommandSupport s : List.of(CommandSupport.NATIVE, CommandSupport.EMULATED, CommandSupport.IGNORED,
                CommandSupport.REFUSED)) {
            out.append("| ").append(letter(s)).append(' ').append(s.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" |");
            for (Column c : m.columns()) {
                long n = m.rows().stream().filter(r -> c.profile().answer(r).support() == s).count();
                out.append(' ').append(n).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /**
     * The reasons of one row, each once, with the backends it applies to: {@code "all: answered by the gateway"},
     * {@code "redis-cluster: split per slot...; embedded: no lists"}. Empty when no cell has a reason.
     */
    static String notes(CompatibilityMatrix m, String row) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (Column c : m.columns()) {
            Answer a = c.profile().answer(row);
            if (a.reason() != null) {
                byReason.computeIfAbsent(a.reason(), r -> new ArrayList<>()).add(c.name());
            }
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byReason.entrySet()) {
            List<String> names = e.getValue();
            if (m.columns().size() == 1) {
                parts.add(e.getKey());
            } else {
                String who = names.size() == m.columns().size() ? "all" : String.join(", ", names);
                parts.add(who + ": " + e.getKey());
            }
        }
        return String.join("; ", parts);
    }

    private static Map<String, List<String>> byGroup(List<String> rows) {
        Map<String, List<String>> groups = new TreeMap<>((a, b) -> {
            int ia = GROUP_ORDER.indexOf(a);
            int ib = GROUP_ORDER.indexOf(b);
            if (ia >= 0 && ib >= 0) {
                return Integer.compare(ia, ib);
            }
            return ia >= 0 ? -1 : ib >= 0 ? 1 : a.compareTo(b);
        });
        for (String row : rows) {
            groups.computeIfAbsent(group(row), g -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private static String group(String row) {
        String g = BackendProfile.group(row);
        return g == null ? "unknown" : g;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
