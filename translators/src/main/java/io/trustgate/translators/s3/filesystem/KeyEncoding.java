package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps an S3 key onto file names inside a bucket's object tree, so that any key is safe and the tree's sorted
 * entries give S3's listing order.
 *
 * <p>The key's UTF-8 bytes are split at {@code /}. Every segment but the last becomes a directory, the last one the
 * object file. Each file name is a one-letter tag followed by the segment's bytes, percent-encoded outside
 * {@code [A-Za-z0-9._~-]}:
 * <ul>
 *   <li>{@code o<seg>}: an object whose key ends with {@code seg};</li>
 *   <li>{@code d<seg>}: a directory holding the keys that continue with {@code seg/};</li>
 *   <li>{@code c<chunk>}: a continuation directory for a segment of {@value #CHUNK} bytes or more: it holds the
 *       keys that continue with exactly these {@value #CHUNK} bytes and then more bytes of the same segment.</li>
 * </ul>
 * The tag keeps {@code a} (file {@code oa}) and {@code a/b} (directory {@code da}) apart and makes {@code .},
 * {@code ..} and empty segments ordinary names; percent-encoding removes {@code /}, NUL and every other byte a
 * file system may reject; continuations keep every name under 255 bytes (1 + 3 x 80). No name can climb out of
 * the tree, whatever the key.
 *
 * <p>Ordering: an entry's <em>sort bytes</em> are {@code seg} for objects and continuations and {@code seg/} for
 * directories. Because plain segments are shorter than {@value #CHUNK} bytes and continuation chunks are exactly
 * {@value #CHUNK}, no directory's or continuation's sort bytes are a proper prefix of a sibling's, so a depth-first
 * walk in sort-byte order yields keys in S3's order (unsigned UTF-8 bytes). See {@link ObjectLister}.
 */
final class KeyEncoding {

    /** Bytes of a segment held by one continuation directory. */
    static final int CHUNK = 80;
    /** S3's limit on a key's UTF-8 length. */
    static final int MAX_KEY_BYTES = 1024;

    static final char OBJECT = 'o';
    static final char DIRECTORY = 'd';
    static final char CONTINUATION = 'c';

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private KeyEncoding() {
    }

    /**
     * The key's UTF-8 bytes; fails with {@code KeyTooLongError} past 1024 bytes and {@code InvalidArgument} for an
     * empty key or one that is not valid Unicode (an unpaired surrogate would otherwise encode as {@code ?} and
     * collide with another key).
     */
    static byte[] utf8(String key) {
        if (key == null || key.isEmpty()) {
            throw new BlobStoreException("InvalidArgument", 400, "The object key must not be empty.");
        }
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(key));
        } catch (CharacterCodingException e) {
            throw new BlobStoreException("InvalidArgument", 400, "The object key is not valid UTF-8.");
        }
        byte[] out = Arrays.copyOf(bytes.array(), bytes.limit());
        if (out.length > MAX_KEY_BYTES) {
            throw new BlobStoreException("KeyTooLongError", 400, "Your key is too long (" + out.length
                    + " bytes; the limit is " + MAX_KEY_BYTES + ").");
        }
        return out;
    }

    /** The file names from the object tree's root down to the object file, in order. */
    static List<String> components(byte[] key) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length; i++) {
            if (i == key.length || key[i] == '/') {
                boolean last = i == key.length;
                int from = start;
                while (i - from >= CHUNK) {
                    names.add(name(CONTINUATION, key, from, from + CHUNK));
                    from += CHUNK;
                }
                names.add(name(last ? OBJECT : DIRECTORY, key, from, i));
                start = i + 1;
            }
        }
        return names;
    }

    /** Tag plus the percent-encoded bytes {@code [from, to)}. */
    static String name(char tag, byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder(1 + (to - from) * 3);
        sb.append(tag);
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (isSafe(b)) {
                sb.append((char) b);
            } else {
                sb.append('%').append((char) HEX[b >>> 4]).append((char) HEX[b & 0xF]);
            }
        }
        return sb.toString();
    }

    /**
     * Parses a file name of the tree; null when it is not one this encoding produces (a stray file, or a name
     * breaking the length rules), so that such files are never listed.
     */
    static TreeEntry parse(String fileName) {
        if (fileName.isEmpty()) {
            return null;
        }
        char tag = fileName.charAt(0);
        if (tag != OBJECT && tag != DIRECTORY && tag != CONTINUATION) {
            return null;
        }
        byte[] raw = new byte[fileName.length() - 1];
        int n = 0;
        for (int i = 1; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '%') {
                if (i + 2 >= fileName.length()) {
                    return null;
                }
                int hi = Character.digit(fileName.charAt(i + 1), 16);
                int lo = Character.digit(fileName.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                raw[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 128 && isSafe(c)) {
                raw[n++] = (byte) c;
            } else {
                return null;
            }
        }
        raw = Arrays.copyOf(raw, n);
        if (!name(tag, raw, 0, n).equals(fileName)) {
            return null; // not canonical (lower-case hex, an escaped safe byte): two names would mean one entry
        }
        if (tag == CONTINUATION ? raw.length != CHUNK : raw.length >= CHUNK) {
            return null;
        }
        for (byte b : raw) {
            if (b == '/') {
                return null;
            }
        }
        return TreeEntry.of(tag, raw, fileName);
    }

    private static boolean isSafe(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '~';
    }
}
