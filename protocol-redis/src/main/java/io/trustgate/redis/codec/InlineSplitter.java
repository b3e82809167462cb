package io.trustgate.redis.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments with the rules Redis uses for inline commands and redis-cli
 * input: whitespace separates, double quotes allow {@code \n \r \t \b \a \\ \" \xHH} escapes, single quotes
 * allow only {@code \'}, and a closing quote must be followed by whitespace or the end of the line.
 */
final class InlineSplitter {

    private InlineSplitter() {
    }

    /** Returns the arguments, or null when the quotes are unbalanced. */
    static List<byte[]> split(byte[] line) {
        List<byte[]> args = new ArrayList<>();
        int i = 0;
        int n = line.length;
        while (true) {
            while (i < n && isSpace(line[i])) {
                i++;
            }
            if (i >= n) {
                return args;
            }
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (i >= n) {
                        return null;
                    }
                    byte c = line[i];
                    if (c == '\\' && i + 3 < n && line[i + 1] == 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
                        current.write(Character.digit(line[i + 2], 16) * 16 + Character.digit(line[i + 3], 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < n) {
                        i++;
                        current.write(switch (line[i]) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> line[i];
                        });
                    } else if (c == '"') {
                        if (i + 1 < n && !isSpace(line[i + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        current.write(c);
                    }
                } else if (inSingle) {
                    if (i >= n) {
                        return null;
                    }
                    byte c = line[i];
                    if (c == '\\' && i + 1 < n && line[i + 1] == '\'') {
                        i++;
                        current.write('\'');
                    } else if (c == '\'') {
                        if (i + 1 < n && !isSpace(line[i + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        current.write(c);
                    }
                } else {
                    if (i >= n) {
                        done = true;
                        continue;
                    }
                    byte c = line[i];
                    if (isSpace(c)) {
                        done = true;
                    } else if (c == '"') {
                        inDouble = true;
                    } else if (c == '\'') {
                        inSingle = true;
                    } else {
                        current.write(c);
                    }
                }
                if (i < n) {
                    i++;
                }
            }
            args.add(current.toByteArray());
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(byte c) {
        return Character.digit(c, 16) >= 0;
    }
}
