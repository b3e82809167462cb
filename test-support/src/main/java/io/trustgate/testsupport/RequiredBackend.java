package io.trustgate.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a server it needs is not there: under {@code CI=true} it fails loudly (CI must run every
 * test), elsewhere it is aborted (reported as skipped) with the reason, so a developer without that server still
 * gets a green run of the rest.
 */
public final class RequiredBackend {

    private RequiredBackend() {
    }

    /** True when the environment says this is a CI run ({@code CI=true}). */
    private static boolean underCi() {
        return "true".equals(System.getenv("CI"));
    }

    /**
     * Ends the test because {@code why}: throws {@link IllegalStateException} under CI, aborts it otherwise.
     * Never returns normally.
     */
    public static void missing(String why) {
        if (underCi()) {
            throw new IllegalStateException("required under CI=true: " + why);
        }
        Assumptions.abort(why);
    }
}
