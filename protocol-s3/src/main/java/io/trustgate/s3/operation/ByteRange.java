package io.trustgate.s3.operation;

import io.trustgate.s3.error.S3Errors;

/**
 * A single byte range from a {@code Range: bytes=...} header, resolved against the object size. S3 serves one
 * range; a header it cannot parse (or several ranges) is ignored and the whole object is sent, as RFC 9110 allows.
 *
 * @param first first byte offset
 * @param last  last byte offset, inclusive
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range {@code header} asks for within {@code size} bytes, or null for the whole object.
     *
     * @throws io.trustgate.s3.spi.BlobStoreException {@code InvalidRange} (416) when it is unsatisfiable
     */
    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw S3Errors.invalidRange(header, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || last < first && !b.isEmpty()) {
                return null;
            }
            if (first >= size) {
                throw S3Errors.invalidRange(header, size);
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
