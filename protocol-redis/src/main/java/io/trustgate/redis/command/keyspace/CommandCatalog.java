package io.trustgate.redis.command.keyspace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every command name real Redis knows, with its arity, documentation group and flags, read once from
 * {@code redis-commands.txt} beside this class (generated from {@code COMMAND} and {@code COMMAND DOCS} of Redis
 * 7.0). It decides "unknown command" versus "refused", and supplies the arity and the read/write flag of the
 * commands we implement, so those come from Redis itself rather than from hand-copied numbers.
 */
final class CommandCatalog {

    /** One Redis command. {@code arity} follows Redis: positive is exact, negative is a minimum. */
    record Info(String name, int arity, String group, Set<String> flags) {

        boolean arityAccepts(int argc) {
            return arity >= 0 ? argc == arity : argc >= -arity;
        }

        boolean isWrite() {
            return flags.contains("write");
        }
    }

    static final CommandCatalog REDIS_7 = load("redis-commands.txt");

    private final Map<String, Info> byName;

    private CommandCatalog(Map<String, Info> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The command called {@code lowerName}, or null when Redis has no such command. */
    Info get(String lowerName) {
        return byName.get(lowerName);
    }

    Map<String, Info> all() {
        return byName;
    }

    static CommandCatalog load(String resource) {
        Map<String, Info> map = new HashMap<>();
        try (InputStream in = CommandCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to " + CommandCatalog.class);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                Set<String> flags = f.length > 3 ? Set.of(f[3].split(",")) : Set.of();
                map.put(f[0], new Info(f[0], Integer.parseInt(f[1]), f[2], flags));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CommandCatalog(map);
    }
}
