package io.trustgate.translators.redis.sql.pubsub;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One thing an instance sends to the others: a PUBLISHed message ({@link Kind#MESSAGE}) or one written key that may
 * serve a blocking pop ({@link Kind#KEY}), tagged with the sending instance so it can skip its own. As NOTIFY text
 * (which must be valid text without NUL bytes) binary parts are Base64: {@code M|sender|channel|message},
 * {@code K|sender|db|key[,key...]}, and {@code R|sender|id} for a row of the message table. Immutable.
 */
record Envelope(Kind kind, String sender, int db, byte[] channel, byte[] message) {

    enum Kind {
        MESSAGE('M'), KEY('K');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(String code) {
            return switch (code) {
                case "M" -> MESSAGE;
                case "K" -> KEY;
                default -> throw new IllegalArgumentException("unknown pub/sub row kind '" + code + "'");
            };
        }
    }

    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    static Envelope message(String sender, byte[] channel, byte[] message) {
        return new Envelope(Kind.MESSAGE, sender, 0, channel, message);
    }

    static Envelope key(String sender, int db, byte[] key) {
        return new Envelope(Kind.KEY, sender, db, key, null);
    }

    /** The NOTIFY text of a message. */
    String messageText() {
        return "M|" + sender + "|" + B64.encodeToString(channel) + "|" + B64.encodeToString(message);
    }

    /** The NOTIFY text of several keys of one db. */
    static String keysText(String sender, int db, List<byte[]> keys) {
        StringBuilder sb = new StringBuilder("K|").append(sender).append('|').append(db).append('|');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(B64.encodeToString(keys.get(i)));
        }
        return sb.toString();
    }

    /** Length of {@code key} in {@link #keysText}, separator included. */
    static int keyTextLength(byte[] key) {
        return 4 * ((key.length + 2) / 3) + 1;
    }

    static String referenceText(String sender, long id) {
        return "R|" + sender + "|" + id;
    }

    /** What a NOTIFY text says: envelopes, or a reference to a table row (then {@code rowId} is set). */
    record Parsed(String sender, List<Envelope> envelopes, long rowId) {
    }

    /** Parses a NOTIFY text; throws IllegalArgumentException on anything malformed. */
    static Parsed parse(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length < 3) {
            throw new IllegalArgumentException("malformed pub/sub notification");
        }
        String sender = parts[1];
        switch (parts[0]) {
            case "M" -> {
                require(parts.length == 4);
                return new Parsed(sender, List.of(message(sender, B64D.decode(parts[2]), B64D.decode(parts[3]))), 0);
            }
            case "K" -> {
                require(parts.length == 4);
                int db = Integer.parseInt(parts[2]);
                List<Envelope> keys = new ArrayList<>();
                for (String k : parts[3].split(",")) {
                    keys.add(key(sender, db, B64D.decode(k)));
                }
                return new Parsed(sender, keys, 0);
            }
            case "R" -> {
                require(parts.length == 3);
                return new Parsed(sender, List.of(), Long.parseLong(parts[2]));
            }
            default -> throw new IllegalArgumentException("unknown pub/sub notification kind '" + parts[0] + "'");
        }
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("malformed pub/sub notification");
        }
    }

    @Override
    public String toString() {
        return kind + " from " + sender + " (" + (channel == null ? 0 : channel.length) + "+"
                + (message == null ? 0 : message.length) + " bytes)";
    }
}
