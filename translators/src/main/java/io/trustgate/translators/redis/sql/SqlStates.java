package io.trustgate.translators.redis.sql;

import java.sql.SQLException;
import java.util.function.Predicate;

/** Reads the SQLSTATE of a database failure wherever it sits in an exception's cause chain. */
final class SqlStates {

    private SqlStates() {
    }

    /** Whether an {@link SQLException} in {@code e}'s cause chain has a SQLSTATE that {@code state} accepts. */
    static boolean any(Throwable e, Predicate<String> state) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getSQLState() != null && state.test(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
