package io.trustgate.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the human-friendly scalars of the schema. Each throws {@link IllegalArgumentException} whose
 * message is the "expected ..." half of a config problem line.
 */
final class Units {

    static final String SIZE_EXPECTED = "expected a size like 512mb, 64kb, 1gb or a plain byte count";
    static final String DURATION_EXPECTED = "expected a duration like 500ms, 2s, 1m or plain milliseconds";
    static final String ADDRESS_EXPECTED = "expected host:port (or [ipv6]:port) with a port 1-65535";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Units() {
    }

    /** {@code 512mb}, {@code 64kb}, {@code 1gb}, {@code 10b} or {@code 1048576}; units are binary (1kb = 1024). */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(SIZE_EXPECTED + ", got '" + text + "'");
        }
        int shift = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "kb" -> 10;
            case "mb" -> 20;
            case "gb" -> 30;
            default -> 0;
        };
        try {
            long value = Long.parseLong(m.group(1));
            if (value > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SIZE_EXPECTED + ", got '" + text + "' (too large)");
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h} or {@code 1500} (milliseconds). */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(DURATION_EXPECTED + ", got '" + text + "'");
        }
        try {
            long value = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "ms" : m.group(2)) {
                case "s" -> Duration.ofSeconds(value);
                case "m" -> Duration.ofMinutes(value);
                case "h" -> Duration.ofHours(value);
                default -> Duration.ofMillis(value);
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(DURATION_EXPECTED + ", got '" + text + "' (too large)");
        }
    }

    /** {@code host:port} or {@code [::1]:port}. */
    static HostPort parseAddress(String text) {
        String s = text.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException(ADDRESS_EXPECTED + ", got '" + text + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(ADDRESS_EXPECTED + " (bracket IPv6 hosts), got '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ADDRESS_EXPECTED + ", got '" + text + "'");
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException(ADDRESS_EXPECTED + ", got '" + text + "'");
        }
        return new HostPort(host, port);
    }
}
