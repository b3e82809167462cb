package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.KeyspaceTransaction;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.StringValue;
import io.trustgate.redis.spi.ValueType;

import java.util.Set;

/**
 * One command being run inside an engine unit: its arguments (copied from the request, so the unit may run on
 * any thread), the transaction, the client's database, and the helpers every handler needs to parse arguments
 * and check types with Redis's error texts. Confined to the thread running the unit.
 *
 * <p>A call is also the unit's work ({@link #apply}): the executor hands it to the engine as it is, so a command
 * costs one object here, not a call plus a closure plus a holder of the resolved command.
 */
final class Call implements java.util.function.Function<KeyspaceTransaction, io.netty.handler.codec.redis.RedisMessage> {

    /** Redis's default {@code proto-max-bulk-len}: no string may grow beyond it. */
    static final long MAX_STRING_LENGTH = 512L * 1024 * 1024;

    /**
     * What a handler may need to know about the backend it runs on, and about the gateway around it for INFO:
     * its clients, when the executor started ({@code startMillis}) and a random id of this run.
     */
    record Backend(String name, Set<Capability> capabilities, int databases,
                   KeyspaceCommandExecutor.ClientStats clients, long startMillis, String runId) {
    }

    private final String name;
    private final CommandHandler handler;
    private final byte[][] argv;
    /** Set when the engine runs the call ({@link #apply}); a call runs in one unit only. */
    private KeyspaceTransaction tx;
    private final int db;
    private final Backend backend;

    Call(CommandTable.Spec spec, byte[][] argv, int db, Backend backend) {
        this.name = spec.info().name();
        this.handler = spec.handler();
        this.argv = argv;
        this.db = db;
        this.backend = backend;
    }

    /** Runs the command in {@code unit}: its reply, or the error a handler threw as Redis's error reply. */
    @Override
    public io.netty.handler.codec.redis.RedisMessage apply(KeyspaceTransaction unit) {
        this.tx = unit;
        try {
            return handler.run(this);
        } catch (CommandException e) {
            return Replies.error(e.getMessage());
        }
    }

    /** The canonical lower-case command name, as Redis prints it in errors. */
    String name() {
        return name;
    }

    int argc() {
        return argv.length;
    }

    byte[] arg(int i) {
        return argv[i];
    }

    /** True when argument {@code i} equals {@code upper} ignoring ASCII case; {@code upper} must be upper case. */
    boolean argIs(int i, String upper) {
        byte[] a = argv[i];
        if (a.length != upper.length()) {
            return false;
        }
        for (int k = 0; k < a.length; k++) {
            int b = a[k];
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (b != upper.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Argument {@code i} as a Redis integer, or "value is not an integer or out of range". */
    long longArg(int i) {
        return Numbers.parseLong(argv[i]);
    }

    int intArg(int i) {
        return Numbers.parseInt(argv[i]);
    }

    /** Argument {@code i} as a database index: an int, then within range. */
    int dbArg(int i) {
        int index = intArg(i);
        if (index < 0 || index >= backend.databases()) {
            throw new CommandException(CommandException.DB_OUT_OF_RANGE);
        }
        return index;
    }

    int db() {
        return db;
    }

    Keyspace keyspace() {
        return tx.db(db);
    }

    Keyspace keyspace(int index) {
        return tx.db(index);
    }

    int databases() {
        return backend.databases();
    }

    Backend backend() {
        return backend;
    }

    /** The unit's clock (Unix ms): fixed for the whole unit, as Redis fixes it for one command or one EXEC. */
    long now() {
        return tx.nowMillis();
    }

    /** Refuses this command (used with this option) when the engine lacks {@code capability}. */
    void require(Capability capability) {
        if (!backend.capabilities().contains(capability)) {
            throw new CommandException(CommandException.refused(name, backend.name(), "no " + capability.description()));
        }
    }

    /** The string stored under {@code key}, null when absent, WRONGTYPE when another kind. */
    StringValue getString(byte[] key) {
        return asString(keyspace().get(key));
    }

    static StringValue asString(Entry entry) {
        if (entry == null) {
            return null;
        }
        return (StringValue) checkType(entry.value(), ValueType.STRING);
    }

    /** The value of kind {@code type} under {@code key} in this db, null when absent, WRONGTYPE when another kind. */
    @SuppressWarnings("unchecked")
    <T extends KeyspaceValue> T getTyped(byte[] key, ValueType type) {
        return (T) typed(keyspace().get(key), type);
    }

    /** The value of an entry, null for a null entry, WRONGTYPE when not of kind {@code type}. */
    @SuppressWarnings("unchecked")
    static <T extends KeyspaceValue> T typed(Entry entry, ValueType type) {
        return entry == null ? null : (T) checkType(entry.value(), type);
    }

    /**
     * Stores a changed collection back under its old expiry, or deletes the key when the collection became empty,
     * as Redis deletes empty aggregates.
     */
    static void putOrDelete(Keyspace ks, byte[] key, KeyspaceValue value, int size, Entry old) {
        if (size == 0) {
            ks.delete(key);
        } else {
            ks.put(key, value, old == null ? Entry.NO_EXPIRY : old.expireAt());
        }
    }

    /**
     * Redis's {@code getPositiveLongFromObjectOrReply}: a non-number or a negative number is answered with
     * {@code message} (without "ERR "), by default "value is out of range, must be positive".
     */
    long positiveLongArg(int i, String message) {
        String text = "ERR " + (message != null ? message : "value is out of range, must be positive");
        long v;
        try {
            v = longArg(i);
        } catch (CommandException e) {
            throw new CommandException(text);
        }
        if (v < 0) {
            throw new CommandException(text);
        }
        return v;
    }

    /**
     * Checks, without reading the value, that {@code key} holds {@code expected} or does not exist (WRONGTYPE
     * otherwise); returns whether it exists. Used before the keyspace's field and element operations.
     */
    boolean checkKind(byte[] key, ValueType expected) {
        ValueType actual = keyspace().type(key);
        if (actual != null && actual != expected) {
            throw CommandException.wrongType();
        }
        return actual != null;
    }

    static KeyspaceValue checkType(KeyspaceValue value, ValueType expected) {
        if (value.type() != expected) {
            throw CommandException.wrongType();
        }
        return value;
    }

    /**
     * Stores a value with an absolute expiry; an expiry already past deletes the key instead, as Redis does for
     * a time in the past.
     */
    void store(Keyspace ks, byte[] key, KeyspaceValue value, long expireAt) {
        if (expireAt != Entry.NO_EXPIRY && expireAt <= now()) {
            ks.delete(key);
        } else {
            ks.put(key, value, expireAt);
        }
    }
}
