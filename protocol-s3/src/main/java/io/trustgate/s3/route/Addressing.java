package io.trustgate.s3.route;

import java.util.List;
import java.util.Locale;

/**
 * Finds the bucket and key of a request. Virtual-hosted style ({@code bucket.<suffix>/key}) applies when the Host
 * (without port) ends with {@code "." + suffix} for one of the configured suffixes; otherwise path style
 * ({@code /bucket/key}). The key is the percent-decoded rest of the path; an empty key means the bucket itself.
 */
public final class Addressing {

    private final List<String> virtualHostSuffixes;

    /** @param virtualHostSuffixes lower-case suffixes such as {@code s3.localhost}; empty for path style only */
    public Addressing(List<String> virtualHostSuffixes) {
        this.virtualHostSuffixes = virtualHostSuffixes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** The bucket and key addressed; bucket null for the service (ListBuckets), key null for the bucket. */
    public record Target(String bucket, String key) {
    }

    /**
     * @param host    the Host header, possibly with a port, or null
     * @param rawPath the path as on the wire, starting with {@code /}
     * @throws IllegalArgumentException on a malformed percent escape
     */
    public Target resolve(String host, String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String hostBucket = bucketFromHost(host);
        if (hostBucket != null) {
            return new Target(hostBucket, path.isEmpty() ? null : PercentCodec.decode(path));
        }
        if (path.isEmpty()) {
            return new Target(null, null);
        }
        int slash = path.indexOf('/');
        if (slash < 0) {
            return new Target(PercentCodec.decode(path), null);
        }
        String key = path.substring(slash + 1);
        return new Target(PercentCodec.decode(path.substring(0, slash)), key.isEmpty() ? null : PercentCodec.decode(key));
    }

    /** The bucket named by the Host header (virtual-hosted style), or {@code null} for path style. */
    public String bucketFromHost(String host) {
        if (host == null || virtualHostSuffixes.isEmpty()) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return null;
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        for (String suffix : virtualHostSuffixes) {
            if (h.length() > suffix.length() + 1 && h.endsWith(suffix) && h.charAt(h.length() - suffix.length() - 1) == '.') {
                return h.substring(0, h.length() - suffix.length() - 1);
            }
        }
        return null;
    }
}
