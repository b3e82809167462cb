package io.trustgate.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The source line of every key and list item of one YAML document, found by streaming its tokens once before
 * binding. Binding then happens on a tree (so environment overrides can edit it first), and every error, from
 * Jackson or from the validator, finds its line here by field path. The scan also rejects duplicate keys, which
 * a tree would silently collapse.
 */
final class LocationIndex {

    static final LocationIndex EMPTY = new LocationIndex(Map.of());

    private final Map<String, Integer> lines;

    private LocationIndex(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /**
     * Reads {@code parser} to the end.
     *
     * @throws ScanException if a mapping repeats a key or the stream holds more than one document
     */
    static LocationIndex scan(JsonParser parser) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        JsonToken token;
        int depth = 0;
        int roots = 0;
        while ((token = parser.nextToken()) != null) {
            int line = parser.currentTokenLocation().getLineNr();
            if (depth == 0 && ++roots > 1) {
                throw new ScanException("", line, "a second YAML document; expected exactly one");
            }
            depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            if (token == JsonToken.FIELD_NAME) {
                String path = FieldPath.of(parser.getParsingContext());
                Integer first = lines.putIfAbsent(path, line);
                if (first != null) {
                    throw new ScanException(path, line, "duplicate key; expected each key once per mapping "
                            + "(first at line " + first + ")");
                }
            } else if (token.isStructStart()) {
                lines.putIfAbsent(FieldPath.of(parser.getParsingContext().getParent()), line);
            } else if (!token.isStructEnd()) {
                lines.putIfAbsent(FieldPath.of(parser.getParsingContext()), line);
            }
        }
        return new LocationIndex(lines);
    }

    /** The line of {@code path}, else of its nearest enclosing key or item that has one. */
    OptionalInt line(String path) {
        for (String p = path; ; p = FieldPath.parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return OptionalInt.of(line);
            }
            if (p.isEmpty()) {
                return OptionalInt.empty();
            }
        }
    }

    /** The document cannot be indexed: {@code message} is the rest of a problem line about {@code path}. */
    static final class ScanException extends IOException {
        private static final long serialVersionUID = 1L;
        final String path;
        final int line;

        ScanException(String path, int line, String message) {
            super(message);
            this.path = path;
            this.line = line;
        }
    }
}
