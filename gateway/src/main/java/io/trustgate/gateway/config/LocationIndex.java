package io.trustgate.gateway.config;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The source line of every key and list item of one YAML document, by field path (see {@link FieldPath}).
 * Binding happens on a tree, which has no positions, so every error, from Jackson or from the validator, finds
 * its line here. Built by {@link YamlReader}; immutable.
 */
final class LocationIndex {

    private final Map<String, Integer> lines;

    LocationIndex(Map<String, Integer> lines) {
        this.lines = Map.copyOf(lines);
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
}
