package io.trustgate.gateway.capabilities;

import io.trustgate.gateway.capabilities.S3Matrix.Column;
import io.trustgate.s3.operation.OperationSupport.Row;
import io.trustgate.s3.spi.BlobCapabilities.Answer;
import io.trustgate.s3.spi.Support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link S3Matrix} as plain text or as the S3 part of {@code docs/compatibility.md}. A pure function of
 * the matrix ({@code \n} line ends, no dates), so the committed file compares byte for byte. Stateless.
 */
final class S3MatrixWriter {

    private S3MatrixWriter() {
    }

    static String letter(Support support) {
        return switch (support) {
            case NATIVE -> "N";
            case EMULATED -> "E";
            case IGNORED -> "I";
            case REFUSED -> "R";
        };
    }

    /** One line per operation: its name, group, one letter per backend, then the notes. */
    static String text(S3Matrix m) {
        int nameWidth = "OPERATION".length();
        int groupWidth = "GROUP".length();
        for (Row row : m.rows()) {
            nameWidth = Math.max(nameWidth, row.name().length());
            groupWidth = Math.max(groupWidth, row.group().length());
        }
        StringBuilder out = new StringBuilder();
        out.append("S3: N native, E emulated (read and written through the gateway, correct, maybe slower), "
                + "R refused (501 NotImplemented naming the operation and backend)\n\n");
        StringBuilder header = new StringBuilder(pad("OPERATION", nameWidth)).append("  ")
                .append(pad("GROUP", groupWidth));
        for (Column c : m.columns()) {
            header.append("  ").append(c.name());
        }
        out.append(header.append("  NOTES").toString().stripTrailing()).append('\n');
        for (Row row : m.rows()) {
            StringBuilder line = new StringBuilder(pad(row.name(), nameWidth)).append("  ")
                    .append(pad(row.group(), groupWidth));
            for (Column c : m.columns()) {
                line.append("  ").append(pad(letter(answer(c, row).support()), c.name().length()));
            }
            line.append("  ").append(notes(m, row));
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The S3 part of {@code docs/compatibility.md}, from its level-one heading on. */
    static String markdown(S3Matrix m) {
        StringBuilder out = new StringBuilder();
        out.append("# S3 compatibility\n\n")
                .append("What each S3 backend does with every S3 operation and request feature. Generated, like the "
                        + "Redis part, from the code: each backend's `BlobCapabilities` declaration read through the "
                        + "server's operation table (`OperationSupport` in `protocol-s3`), the same pair the S3 "
                        + "server refuses and chooses copy paths with at run time.\n\n");
        out.append("## S3 legend\n\n")
                .append("| | answer | meaning |\n|---|---|---|\n")
                .append("| N | native | the backend does it |\n")
                .append("| E | emulated | the gateway builds it from what the backend has: correct, maybe slower |\n")
                .append("| R | refused | `501 NotImplemented`, the S3 XML error naming the operation and the backend |"
                        + "\n\n")
                .append("A copy (CopyObject, UploadPartCopy) whose source bucket is routed to another backend than "
                        + "its destination is always read and written through the gateway. Rows starting with `?` "
                        + "are query sub-resources trustgate does not implement.\n\n");
        out.append("## S3 backends\n\n");
        for (Column c : m.columns()) {
            out.append("- `").append(c.name()).append("`: ").append(c.description()).append('\n');
        }
        out.append("\n## S3 summary\n\nRows per answer.\n\n| answer |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Column c : m.columns()) {
            out.append(' ').append(c.name()).append(" |");
            rule.append("--:|");
        }
        out.append('\n').append(rule).append('\n');
        for (Support s : List.of(Support.NATIVE, Support.EMULATED, Support.REFUSED)) {
            out.append("| ").append(letter(s)).append(' ').append(s.name().toLowerCase(Locale.ROOT)).append(" |");
            for (Column c : m.columns()) {
                out.append(' ').append(m.rows().stream().filter(r -> answer(c, r).support() == s).count())
                        .append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
        for (Map.Entry<String, List<Row>> group : byGroup(m.rows()).entrySet()) {
            out.append("## S3 ").append(group.getKey()).append("\n\n| operation |");
            StringBuilder groupRule = new StringBuilder("|---|");
            for (Column c : m.columns()) {
                out.append(' ').append(c.name()).append(" |");
                groupRule.append(":-:|");
            }
            out.append(" notes |\n").append(groupRule).append("---|\n");
            for (Row row : group.getValue()) {
                out.append("| `").append(row.name()).append("` |");
                for (Column c : m.columns()) {
                    out.append(' ').append(letter(answer(c, row).support())).append(" |");
                }
                String notes = notes(m, row).replace("|", "\\|");
                out.append(notes.isEmpty() ? "" : " " + notes).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Each reason once, with the backends it applies to ({@code all: ...} when every column shares it). */
    static String notes(S3Matrix m, Row row) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (Column c : m.columns()) {
            Answer a = answer(c, row);
            if (a.reason() != null) {
                byReason.computeIfAbsent(a.reason(), r -> new ArrayList<>()).add(c.name());
            }
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byReason.entrySet()) {
            if (m.columns().size() == 1) {
                parts.add(e.getKey());
            } else {
                String who = e.getValue().size() == m.columns().size() ? "all" : String.join(", ", e.getValue());
                parts.add(who + ": " + e.getKey());
            }
        }
        return String.join("; ", parts);
    }

    private static Answer answer(Column c, Row row) {
        return row.answer().apply(c.declaration());
    }

    private static Map<String, List<Row>> byGroup(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.group(), g -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
