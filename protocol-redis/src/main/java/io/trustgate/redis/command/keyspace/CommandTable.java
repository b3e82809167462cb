package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.Capability;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision table of one backend: for every Redis command, the handler that implements it (if any), the
 * engine capabilities it needs and the answer it gets. Arity and the write flag come from the
 * {@link CommandCatalog}; handlers come from the command-group classes; the engine's declared capabilities decide
 * the rest. Immutable after construction.
 */
final class CommandTable {

    record Spec(CommandCatalog.Info info, CommandHandler handler, CommandSupport answer, Set<Capability> requires) {
    }

    /** Commands the gateway's session layer answers for every backend; the executor never runs them. */
    static final String SESSION_GROUP = "connection";
    static final String TRANSACTION_GROUP = "transactions";

    private static final Map<String, Capability> GROUP_CAPABILITY = Map.ofEntries(
            Map.entry("string", Capability.STRINGS),
            Map.entry("bitmap", Capability.STRINGS),
            Map.entry("hyperloglog", Capability.STRINGS),
            Map.entry("list", Capability.LISTS),
            Map.entry("hash", Capability.HASHES),
            Map.entry("set", Capability.SETS),
            Map.entry("sorted-set", Capability.SORTED_SETS),
            Map.entry("geo", Capability.SORTED_SETS),
            Map.entry("stream", Capability.STREAMS),
            Map.entry("pubsub", Capability.PUBSUB),
            Map.entry("scripting", Capability.SCRIPTING),
            Map.entry(TRANSACTION_GROUP, Capability.TRANSACTIONS));

    private static final Map<String, String> GROUP_REASON = Map.of(
            "server", "no server administration",
            "cluster", "no cluster mode");

    private final CommandCatalog catalog;
    private final Map<String, Spec> specs;
    private final Map<String, String> notes;
    private final Set<Capability> capabilities;

    private CommandTable(CommandCatalog catalog, Map<String, Spec> specs, Map<String, String> notes,
                         Set<Capability> capabilities) {
        this.catalog = catalog;
        this.specs = Collections.unmodifiableMap(specs);
        this.notes = Map.copyOf(notes);
        this.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    }

    /** The table of every command group implemented in this package, for an engine with {@code capabilities}. */
    static CommandTable standard(Set<Capability> capabilities) {
        Builder b = new Builder(CommandCatalog.REDIS_7);
        StringCommands.register(b);
        CounterCommands.register(b);
        KeyCommands.register(b);
        ExpireCommands.register(b);
        ScanCommands.register(b);
        ServerCommands.register(b);
        ListCommands.register(b);
        ListEditCommands.register(b);
        HashCommands.register(b);
        SetCommands.register(b);
        SortedSetCommands.register(b);
        BlockingCommands.register(b);
        MultiPopCommands.register(b);
        CommandIntrospection.register(b);
        ServerInfoCommands.register(b);
        return new CommandTable(b.catalog, b.specs, b.notes, capabilities);
    }

    CommandCatalog.Info info(String lowerName) {
        return catalog.get(lowerName);
    }

    Map<String, CommandCatalog.Info> allCommands() {
        return catalog.all();
    }

    /** The implementation of {@code lowerName} when this backend runs it, or null. */
    Spec runnable(String lowerName) {
        Spec s = specs.get(lowerName);
        return s != null && missing(s.requires()) == null ? s : null;
    }

    boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    CommandSupport support(String lowerName) {
        CommandCatalog.Info info = catalog.get(lowerName);
        if (info == null) {
            return CommandSupport.UNKNOWN;
        }
        Spec s = specs.get(lowerName);
        if (s != null) {
            return missing(s.requires()) == null ? s.answer() : CommandSupport.REFUSED;
        }
        if (info.group().equals(SESSION_GROUP)) {
            return CommandSupport.NATIVE;
        }
        if (info.group().equals(TRANSACTION_GROUP)) {
            return has(Capability.TRANSACTIONS) ? CommandSupport.NATIVE : CommandSupport.REFUSED;
        }
        return CommandSupport.REFUSED;
    }

    /** Why a known command is refused, for the text in parentheses; null when it is not refused. */
    String refusalReason(String lowerName) {
        CommandCatalog.Info info = catalog.get(lowerName);
        if (info == null || support(lowerName) != CommandSupport.REFUSED) {
            return null;
        }
        Spec s = specs.get(lowerName);
        if (s != null) {
            return "no " + missing(s.requires()).description();
        }
        Capability groupNeeds = GROUP_CAPABILITY.get(info.group());
        if (groupNeeds != null && !has(groupNeeds)) {
            return "no " + groupNeeds.description();
        }
        if (info.flags().contains("blocking") && !has(Capability.BLOCKING)) {
            return "no " + Capability.BLOCKING.description();
        }
        return GROUP_REASON.getOrDefault(info.group(), "not implemented yet");
    }

    /**
     * Why {@code lowerName} gets its answer, for capability reports: the refusal reason, or the note registered
     * with an emulated or ignored command (what differs from Redis); null when there is nothing to say.
     */
    String reason(String lowerName) {
        String refusal = refusalReason(lowerName);
        return refusal != null ? refusal : notes.get(lowerName);
    }

    private Capability missing(Set<Capability> required) {
        for (Capability c : required) {
            if (!capabilities.contains(c)) {
                return c;
            }
        }
        return null;
    }

    /** Collects the specs; each command group registers its handlers here. */
    static final class Builder {

        private final CommandCatalog catalog;
        private final Map<String, Spec> specs = new HashMap<>();
        private final Map<String, String> notes = new HashMap<>();

        Builder(CommandCatalog catalog) {
            this.catalog = catalog;
        }

        Builder add(String lowerName, CommandHandler handler, Capability... requires) {
            return add(CommandSupport.NATIVE, lowerName, handler, requires);
        }

        Builder add(CommandSupport answer, String lowerName, CommandHandler handler, Capability... requires) {
            CommandCatalog.Info info = catalog.get(lowerName);
            if (info == null) {
                throw new IllegalArgumentException("not a Redis command: " + lowerName);
            }
            // In order: a refusal names the first capability missing (lists before blocking).
            Set<Capability> needs = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(requires)));
            if (specs.put(lowerName, new Spec(info, handler, answer, needs)) != null) {
                throw new IllegalArgumentException("registered twice: " + lowerName);
            }
            return this;
        }

        /** What differs from Redis in a registered command (why it is emulated or ignored), for reports. */
        Builder note(String lowerName, String text) {
            if (!specs.containsKey(lowerName)) {
                throw new IllegalArgumentException("note for a command not registered: " + lowerName);
            }
            notes.put(lowerName, text);
            return this;
        }
    }
}
