package io.trustgate.redis.command.keyspace;

import java.nio.charset.StandardCharsets;

/**
 * A command error with the exact text Redis sends after the {@code -}. Thrown by command handlers and turned into
 * an {@code ErrorRedisMessage} by the executor, so handlers can check in Redis's order and bail out anywhere.
 * Carries no stack trace: it is control flow, not a bug report.
 */
final class CommandException extends RuntimeException {

    static final String SYNTAX = "ERR syntax error";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String NOT_FLOAT = "ERR value is not a valid float";
    static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NO_SUCH_KEY = "ERR no such key";
    static final String OVERFLOW = "ERR increment or decrement would overflow";
    static final String TOO_LARGE = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    static final String SAME_OBJECT = "ERR source and destination objects are the same";
    static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";

    private static final long serialVersionUID = 1L;

    CommandException(String message) {
        super(message, null, false, false);
    }

    static CommandException syntax() {
        return new CommandException(SYNTAX);
    }

    static CommandException notInteger() {
        return new CommandException(NOT_INTEGER);
    }

    static CommandException wrongType() {
        return new CommandException(WRONG_TYPE);
    }

    /** {@code lowerName} is the command's canonical (lower-case) name, as Redis prints it. */
    static CommandException invalidExpire(String lowerName) {
        return new CommandException("ERR invalid expire time in '" + lowerName + "' command");
    }

    static String wrongArity(String lowerName) {
        return "ERR wrong number of arguments for '" + lowerName + "' command";
    }

    static String refused(String name, String backend, String reason) {
        return "ERR command '" + name.toUpperCase(java.util.Locale.ROOT) + "' is not supported by backend '" + backend
                + "' (" + reason + ")";
    }

    /**
     * Redis 7's text for a name that is no command: the name cut to 128 bytes, then quoted arguments while the
     * argument text is under 128 characters, each cut so the total stays within 128, then a trailing space;
     * CR and LF become spaces. Arguments are read as C strings, so each stops at its first NUL byte.
     */
    static String unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < 128; i++) {
            String arg = cString(argv[i], 128 - args.length());
            args.append('\'').append(arg).append("' ");
        }
        String text = "ERR unknown command '" + cString(argv[0], 128) + "', with args beginning with: " + args;
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private static String cString(byte[] bytes, int max) {
        int len = 0;
        while (len < bytes.length && len < max && bytes[len] != 0) {
            len++;
        }
        return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }
}
