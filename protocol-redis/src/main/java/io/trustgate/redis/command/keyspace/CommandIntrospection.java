package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.command.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * COMMAND and its subcommands COUNT, INFO, DOCS, LIST and HELP, for clients that introspect the server. The
 * command set is Redis 7.0's ({@link CommandCatalog}), refused commands included, since Redis lists every command
 * it knows. Each INFO entry carries the name, arity, flags and first/last/step key positions Redis reports; ACL
 * categories, tips, key specs and subcommands are empty arrays (the gateway keeps none). DOCS gives each
 * command's summary, since and group, read from {@code redis-command-docs.txt} (generated from Redis 7.0.15),
 * without argument docs. GETKEYS and GETKEYSANDFLAGS, and LIST FILTERBY ACLCAT, are refused.
 */
final class CommandIntrospection {

    private record Doc(String since, String summary) {
    }

    private static final Map<String, Doc> DOCS = loadDocs("redis-command-docs.txt");

    private static final List<String> HELP = List.of(
            "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "(no subcommand)",
            "    Return details about all Redis commands.",
            "COUNT",
            "    Return the total number of commands in this Redis server.",
            "LIST",
            "    Return a list of all commands in this Redis server.",
            "INFO [<command-name> ...]",
            "    Return details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "DOCS [<command-name> ...]",
            "    Return documentation details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "HELP",
            "    Print this help.");

    private CommandIntrospection() {
    }

    static void register(CommandTable.Builder b) {
        b.add(CommandSupport.EMULATED, "command", CommandIntrospection::command)
                .note("command", "answered by the gateway from Redis 7.0's command table: INFO without ACL "
                        + "categories, tips or key specs, DOCS without argument docs; GETKEYS and LIST FILTERBY "
                        + "ACLCAT are refused");
    }

    static RedisMessage command(Call c) {
        if (c.argc() == 1) {
            return info(c, 1);
        }
        String sub = new String(c.arg(1), StandardCharsets.UTF_8);
        switch (sub.toUpperCase(Locale.ROOT)) {
            case "COUNT" -> {
                arity(c, 2, 2, "count");
                return Replies.integer(CommandCatalog.REDIS_7.all().size());
            }
            case "INFO" -> {
                return info(c, 2);
            }
            case "DOCS" -> {
                return docs(c);
            }
            case "LIST" -> {
                return list(c);
            }
            case "HELP" -> {
                arity(c, 2, 2, "help");
                List<RedisMessage> lines = new ArrayList<>(HELP.size());
                HELP.forEach(line -> lines.add(Replies.simple(line)));
                return Replies.array(lines);
            }
            case "GETKEYS", "GETKEYSANDFLAGS" -> throw new CommandException(CommandException.refused(
                    "command " + sub, c.backend().name(), "not implemented yet"));
            default -> throw new CommandException("ERR unknown subcommand '" + abbreviate(sub)
                    + "'. Try COMMAND HELP.");
        }
    }

    /** Redis's subcommand arity error, {@code 'command|count'}. */
    private static void arity(Call c, int min, int max, String lowerSub) {
        if (c.argc() < min || c.argc() > max) {
            throw new CommandException(CommandException.wrongArity("command|" + lowerSub));
        }
    }

    static String abbreviate(String sub) {
        return sub.length() > 128 ? sub.substring(0, 128) : sub;
    }

    /** COMMAND INFO: the named commands from argument {@code from} on (null for unknown ones), or all of them. */
    private static RedisMessage info(Call c, int from) {
        List<RedisMessage> out = new ArrayList<>();
        if (c.argc() <= from) {
            for (String name : new TreeSet<>(CommandCatalog.REDIS_7.all().keySet())) {
                out.add(entry(CommandCatalog.REDIS_7.get(name)));
            }
        } else {
            for (int i = from; i < c.argc(); i++) {
                CommandCatalog.Info info = CommandCatalog.REDIS_7.get(
                        new String(c.arg(i), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
                out.add(info == null ? Replies.NULL_BULK : entry(info));
            }
        }
        return Replies.array(out);
    }

    private static RedisMessage entry(CommandCatalog.Info info) {
        CommandSpec spec = io.trustgate.redis.command.CommandTable.standard().lookup(info.name());
        List<RedisMessage> flags = new ArrayList<>();
        for (String f : new TreeSet<>(info.flags())) {
            if (!f.isEmpty()) {
                flags.add(Replies.simple(f));
            }
        }
        return Replies.array(List.of(Replies.bulk(info.name()), Replies.integer(info.arity()), Replies.set(flags),
                Replies.integer(spec == null ? 0 : spec.firstKey()), Replies.integer(spec == null ? 0 : spec.lastKey()),
                Replies.integer(spec == null ? 0 : spec.keyStep()), Replies.set(List.of()), Replies.set(List.of()),
                Replies.EMPTY_ARRAY, Replies.EMPTY_ARRAY));
    }

    /** COMMAND DOCS [name ...]: a map of name to {summary, since, group}; unknown names are left out. */
    private static RedisMessage docs(Call c) {
        List<String> names = new ArrayList<>();
        if (c.argc() == 2) {
            names.addAll(new TreeSet<>(CommandCatalog.REDIS_7.all().keySet()));
        } else {
            for (int i = 2; i < c.argc(); i++) {
                String name = new String(c.arg(i), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                if (CommandCatalog.REDIS_7.get(name) != null) {
                    names.add(name);
                }
            }
        }
        List<RedisMessage> out = new ArrayList<>();
        for (String name : names) {
            Doc doc = DOCS.get(name);
            List<RedisMessage> fields = new ArrayList<>();
            if (doc != null) {
                fields.add(Replies.bulk("summary"));
                fields.add(Replies.bulk(doc.summary()));
                fields.add(Replies.bulk("since"));
                fields.add(Replies.bulk(doc.since()));
            }
            fields.add(Replies.bulk("group"));
            fields.add(Replies.bulk(CommandCatalog.REDIS_7.get(name).group()));
            out.add(Replies.bulk(name));
            out.add(Replies.map(fields));
        }
        return Replies.map(out);
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]. */
    private static RedisMessage list(Call c) {
        GlobPattern pattern = null;
        boolean none = false;
        if (c.argc() == 5 && c.argIs(2, "FILTERBY")) {
            if (c.argIs(3, "PATTERN")) {
                pattern = GlobPattern.compile(c.arg(4));
            } else if (c.argIs(3, "MODULE")) {
                none = true; // no modules here
            } else if (c.argIs(3, "ACLCAT")) {
                throw new CommandException(CommandException.refused("command list filterby aclcat",
                        c.backend().name(), "no ACL categories"));
            } else {
                throw CommandException.syntax();
            }
        } else if (c.argc() != 2) {
            throw CommandException.syntax();
        }
        List<byte[]> names = new ArrayList<>();
        if (!none) {
            for (String name : new TreeSet<>(CommandCatalog.REDIS_7.all().keySet())) {
                byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
                if (pattern == null || pattern.matches(bytes)) {
                    names.add(bytes);
                }
            }
        }
        return Replies.bulkArray(names);
    }

    private static Map<String, Doc> loadDocs(String resource) {
        Map<String, Doc> map = new HashMap<>();
        try (InputStream in = CommandIntrospection.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to "
                        + CommandIntrospection.class);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                map.put(f[0], new Doc(f[1], f.length > 2 ? f[2] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
