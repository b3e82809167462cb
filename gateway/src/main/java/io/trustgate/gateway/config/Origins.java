package io.trustgate.gateway.config;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Says where the value at a field path came from, so that a problem line can start with {@code file:line} or,
 * for a value set by an override, {@code environment variable NAME}. It knows the document's label (the file as
 * the user named it), its {@link LocationIndex} and which paths environment overrides wrote.
 */
final class Origins {

    private final String label;
    private final LocationIndex index;
    private final Map<String, String> overrides;

    /**
     * @param overrides field path written by an override → the variable's name
     */
    Origins(String label, LocationIndex index, Map<String, String> overrides) {
        this.label = label;
        this.index = index;
        this.overrides = Map.copyOf(overrides);
    }

    /** {@code config.yaml:12}, {@code config.yaml} or {@code environment variable TRUSTGATE__ADMIN__PORT}. */
    String at(String path) {
        String variable = overrideOf(path);
        if (variable != null) {
            return "environment variable " + variable;
        }
        OptionalInt line = index.line(path);
        return line.isPresent() ? label + ":" + line.getAsInt() : label;
    }

    /** One complete problem line: {@code <where>: <path>: <message>}. */
    String problem(String path, String message) {
        return at(path) + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }

    /** The variable that wrote {@code path} or an enclosing path, or null. */
    private String overrideOf(String path) {
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (FieldPath.within(path, e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return best;
    }
}
