package io.trustgate.translators.redis.differential;

import java.util.Map;

/**
 * Differential scripts for what clients ask about the server (COMMAND, CONFIG GET, INFO, TIME, OBJECT), limited
 * to what is not machine-specific: values the gateway and an out-of-the-box Redis 7.0 share, error texts, and
 * the shapes of TIME and INFO (see {@link DifferentialRunner} for the syntax).
 */
final class ServerScripts {

    private ServerScripts() {
    }

    static void addTo(Map<String, String> all) {
        all.put("server-introspection", """
                COMMAND COUNT
                COMMAND COUNT x
                COMMAND FOO
                COMMAND INFO nosuchcommand
                COMMAND DOCS nosuchcommand
                U COMMAND LIST FILTERBY PATTERN zrange*
                COMMAND LIST FILTERBY PATTERN
                COMMAND LIST FILTERBY MODULE nosuchmodule
                COMMAND LIST FOO
                CONFIG GET databases
                CONFIG GET maxmemory
                CONFIG GET maxmemory-policy
                CONFIG GET timeout
                CONFIG GET cluster-enabled
                CONFIG GET DATABASES
                P CONFIG GET databases timeout
                CONFIG GET nosuchparameter
                CONFIG
                CONFIG GET
                CONFIG FOO
                R TIME
                R INFO
                R INFO keyspace
                INFO nosuchsection
                SET $k v
                OBJECT FREQ $k
                OBJECT FREQ $none
                OBJECT ENCODING
                OBJECT ENCODING $k $k
                OBJECT FOO $k
                """);
    }
}
