package io.trustgate.redis.command;

import io.trustgate.redis.codec.RespRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Redis command table, loaded from {@code commands.tsv} (generated from a real server by
 * {@code tools/gen-redis-commands.sh}). Lookup hashes the name bytes straight from the request, ignoring ASCII
 * case, so resolving a command allocates nothing. Immutable and shared by every connection.
 */
public final class CommandTable {

    private static final CommandTable DEFAULT = load();

    private final CommandSpec[] slots;
    private final byte[][] names;
    private final List<CommandSpec> all;
    private final int mask;

    private CommandTable(List<CommandSpec> specs) {
        int size = Integer.highestOneBit(specs.size() * 4);
        slots = new CommandSpec[size];
        names = new byte[size][];
        mask = size - 1;
        for (CommandSpec spec : specs) {
            byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
            int h = hash(name, name.length) & mask;
            while (slots[h] != null) {
                h = (h + 1) & mask;
            }
            slots[h] = spec;
            names[h] = name;
        }
        all = Collections.unmodifiableList(specs);
    }

    public static CommandTable standard() {
        return DEFAULT;
    }

    /** Every known command, in index order. */
    public List<CommandSpec> all() {
        return all;
    }

    /** The command named by argument 0 of {@code request}, or null when Redis has no such command. */
    public CommandSpec lookup(RespRequest request) {
        int len = request.argLength(0);
        if (len == 0 || len > 32) {
            return null;
        }
        var arg = request.frame();
        int base = request.argOffset(0);
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + upper(arg.getByte(base + i));
        }
        h = mix(h) & mask;
        for (;;) {
            CommandSpec spec = slots[h];
            if (spec == null) {
                return null;
            }
            byte[] name = names[h];
            if (name.length == len && sameIgnoringCase(arg, base, name)) {
                return spec;
            }
            h = (h + 1) & mask;
        }
    }

    /** Lookup by name, any case. */
    public CommandSpec lookup(String name) {
        for (CommandSpec spec : all) {
            if (spec.name().equalsIgnoreCase(name)) {
                return spec;
            }
        }
        return null;
    }

    private static boolean sameIgnoringCase(io.netty.buffer.ByteBuf arg, int base, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (upper(arg.getByte(base + i)) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int upper(byte b) {
        return b >= 'a' && b <= 'z' ? b - 32 : b;
    }

    private static int hash(byte[] name, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + upper(name[i]);
        }
        return mix(h);
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    private static CommandTable load() {
        List<CommandSpec> specs = new ArrayList<>();
        try (InputStream in = CommandTable.class.getResourceAsStream("commands.tsv")) {
            if (in == null) {
                throw new IllegalStateException("commands.tsv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Set<String> flags = f[2].equals("-") ? Set.of() : Set.of(f[2].toLowerCase(Locale.ROOT).split(","));
                specs.add(CommandSpec.of(f[0], specs.size(), Integer.parseInt(f[1]), flags,
                        Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CommandTable(specs);
    }
}
