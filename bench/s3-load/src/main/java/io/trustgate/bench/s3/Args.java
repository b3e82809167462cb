package io.trustgate.bench.s3;

import java.util.HashMap;
import java.util.Map;

/** The generator's {@code --name value} command-line pairs. */
record Args(Map<String, String> values) {

    static Args parse(String[] argv) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            }
            values.put(argv[i].substring(2), argv[i + 1]);
        }
        return new Args(values);
    }

    /** The value of {@code --name}, else {@code fallback}; a missing option without a fallback is an error. */
    String value(String name, String fallback) {
        String v = values.getOrDefault(name, fallback);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
