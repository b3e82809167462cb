package io.trustgate.gateway.config;

import java.util.List;

/**
 * The configuration is unusable. Each problem is one line of the form
 * {@code <file>:<line>: <field path>: <what is wrong>; expected <what>} (or
 * {@code environment variable <NAME>: ...} when the bad value came from an override); the message is those lines
 * joined by newlines, ready to print to stderr as is.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    ConfigException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one line each, in file order where the order is known. */
    public List<String> problems() {
        return problems;
    }
}
