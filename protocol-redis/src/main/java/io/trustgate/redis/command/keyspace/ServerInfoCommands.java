package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.codec.resp3.VerbatimStringRedisMessage;
import io.trustgate.redis.command.RedisVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a client asks about the server rather than its data: INFO (sections server, clients and keyspace), CONFIG
 * GET for the read-only parameters whose values the gateway actually follows, TIME, and OBJECT FREQ/HELP.
 *
 * <p>Everything answered is true of this gateway and backend: INFO's keyspace lines give the key count of each
 * non-empty db ({@code db0:keys=N}) but leave out {@code expires} and {@code avg_ttl}, which would need a scan of
 * every key; CONFIG GET knows only the parameters listed in {@link #CONFIG} (any other name matches nothing, as an
 * unknown name does in Redis) and refuses SET, REWRITE and RESETSTAT; TIME is the engine's clock, the one expiry
 * uses, to the millisecond. OBJECT FREQ answers what Redis answers under the {@code noeviction} policy, and
 * ENCODING, IDLETIME and REFCOUNT are refused: the engines keep no Redis encodings, access times or shared
 * objects.
 */
final class ServerInfoCommands {

    /** The parameters CONFIG GET knows, with the value this gateway follows. */
    private static final Map<String, Function<Call, String>> CONFIG = configTable();

    private static final List<String> OBJECT_HELP = List.of(
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "HELP",
            "    Print this help.");

    private static final String LFU_OFF = "ERR An LFU maxmemory policy is not selected, access frequency not "
            + "tracked. Please note that when switching between policies at runtime LRU and LFU data will take "
            + "some time to adjust.";

    private ServerInfoCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add(CommandSupport.EMULATED, "info", ServerInfoCommands::info)
                .add(CommandSupport.EMULATED, "config", ServerInfoCommands::config)
                .add("time", ServerInfoCommands::time)
                .add(CommandSupport.EMULATED, "object", ServerInfoCommands::object)
                .note("info", "sections server, clients (the clients that have used this route) and keyspace "
                        + "(keys per db, without expires and avg_ttl); other sections are empty")
                .note("config", "GET of " + String.join(", ", CONFIG.keySet()) + "; SET, REWRITE and RESETSTAT "
                        + "are refused")
                .note("time", "the engine's clock, the one expiry uses, to the millisecond")
                .note("object", "FREQ as under the noeviction policy; ENCODING, IDLETIME and REFCOUNT are "
                        + "refused: the engine keeps no Redis encodings or access times");
    }

    private static Map<String, Function<Call, String>> configTable() {
        Map<String, Function<Call, String>> m = new LinkedHashMap<>();
        m.put("databases", c -> Integer.toString(c.databases()));
        m.put("maxmemory", c -> "0");
        m.put("maxmemory-policy", c -> "noeviction");
        m.put("timeout", c -> "0");
        m.put("notify-keyspace-events", c -> "");
        m.put("save", c -> "");
        m.put("cluster-enabled", c -> "no");
        return m;
    }

    static RedisMessage time(Call c) {
        long millis = c.now();
        return Replies.bulkArray(List.of(Numbers.toBytes(Math.floorDiv(millis, 1000)),
                Numbers.toBytes(Math.floorMod(millis, 1000) * 1000L)));
    }

    static RedisMessage config(Call c) {
        String sub = new String(c.arg(1), StandardCharsets.UTF_8);
        switch (sub.toUpperCase(Locale.ROOT)) {
            case "GET" -> {
                if (c.argc() < 3) {
                    throw new CommandException(CommandException.wrongArity("config|get"));
                }
                // A name without glob characters is looked up and answered as written, as Redis does.
                Map<String, String> matched = new LinkedHashMap<>();
                for (int i = 2; i < c.argc(); i++) {
                    String arg = new String(c.arg(i), StandardCharsets.UTF_8);
                    String lower = arg.toLowerCase(Locale.ROOT);
                    if (!lower.matches(".*[*?\\[\\]\\\\].*")) {
                        if (CONFIG.containsKey(lower)) {
                            matched.putIfAbsent(lower, arg);
                        }
                        continue;
                    }
                    GlobPattern pattern = GlobPattern.compile(lower.getBytes(StandardCharsets.UTF_8));
                    for (String name : CONFIG.keySet()) {
                        if (pattern.matches(name.getBytes(StandardCharsets.US_ASCII))) {
                            matched.putIfAbsent(name, name);
                        }
                    }
                }
                List<RedisMessage> out = new ArrayList<>();
                for (Map.Entry<String, String> e : matched.entrySet()) {
                    out.add(Replies.bulk(e.getValue()));
                    out.add(Replies.bulk(CONFIG.get(e.getKey()).apply(c)));
                }
                return Replies.map(out);
            }
            case "SET", "REWRITE", "RESETSTAT" -> throw new CommandException(CommandException.refused(
                    "config " + sub, c.backend().name(), "the gateway's configuration is its YAML file"));
            case "HELP" -> {
                return Replies.array(List.of(
                        Replies.simple("CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
                        Replies.simple("GET <pattern>"),
                        Replies.simple("    Return parameters matching the glob-like <pattern> and their values."),
                        Replies.simple("HELP"),
                        Replies.simple("    Print this help.")));
            }
            default -> throw new CommandException("ERR unknown subcommand '" + CommandIntrospection.abbreviate(sub)
                    + "'. Try CONFIG HELP.");
        }
    }

    static RedisMessage object(Call c) {
        String sub = new String(c.arg(1), StandardCharsets.UTF_8);
        String upper = sub.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "HELP" -> {
                List<RedisMessage> lines = new ArrayList<>();
                OBJECT_HELP.forEach(line -> lines.add(Replies.simple(line)));
                return Replies.array(lines);
            }
            case "FREQ", "ENCODING", "IDLETIME", "REFCOUNT" -> {
                if (c.argc() != 3) {
                    throw new CommandException(CommandException.wrongArity("object|" + upper.toLowerCase(Locale.ROOT)));
                }
                if (!upper.equals("FREQ")) {
                    throw new CommandException(CommandException.refused("object " + sub, c.backend().name(),
                            "the engine keeps no Redis encodings, access times or shared objects"));
                }
                if (!c.keyspace().exists(c.arg(2))) {
                    return Replies.NULL_BULK;
                }
                throw new CommandException(LFU_OFF);
            }
            default -> throw new CommandException("ERR unknown subcommand '" + CommandIntrospection.abbreviate(sub)
                    + "'. Try OBJECT HELP.");
        }
    }

    /** INFO [section ...]: the sections asked for, in Redis's order; "default", "all" and "everything" give all. */
    static RedisMessage info(Call c) {
        Set<String> asked = new LinkedHashSet<>();
        if (c.argc() == 1) {
            asked.add("default");
        }
        for (int i = 1; i < c.argc(); i++) {
            asked.add(new String(c.arg(i), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        }
        boolean all = asked.contains("default") || asked.contains("all") || asked.contains("everything");
        StringBuilder text = new StringBuilder();
        if (all || asked.contains("server")) {
            section(text, "Server");
            server(c, text);
        }
        if (all || asked.contains("clients")) {
            section(text, "Clients");
            line(text, "connected_clients", c.backend().clients().connectedClients());
            line(text, "blocked_clients", c.backend().clients().blockedClients());
        }
        if (all || asked.contains("keyspace")) {
            section(text, "Keyspace");
            for (int db = 0; db < c.databases(); db++) {
                long keys = c.keyspace(db).size();
                if (keys > 0) {
                    text.append("db").append(db).append(":keys=").append(keys).append("\r\n");
                }
            }
        }
        return new VerbatimStringRedisMessage("txt", text.toString());
    }

    private static void server(Call c, StringBuilder text) {
        long now = c.now();
        long uptime = Math.max(0, (now - c.backend().startMillis()) / 1000);
        line(text, "redis_version", RedisVersion.ANNOUNCED);
        line(text, "redis_mode", "standalone");
        line(text, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        line(text, "arch_bits", System.getProperty("os.arch", "").contains("64") ? "64" : "32");
        line(text, "process_id", ProcessHandle.current().pid());
        line(text, "run_id", c.backend().runId());
        line(text, "server_time_usec", now * 1000);
        line(text, "uptime_in_seconds", uptime);
        line(text, "uptime_in_days", uptime / 86_400);
        line(text, "trustgate_backend", c.backend().name());
    }

    private static void section(StringBuilder text, String name) {
        if (text.length() > 0) {
            text.append("\r\n");
        }
        text.append("# ").append(name).append("\r\n");
    }

    private static void line(StringBuilder text, String field, Object value) {
        text.append(field).append(':').append(value).append("\r\n");
    }
}
