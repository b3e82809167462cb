package io.trustgate.s3.route;

import java.util.List;
import java.util.Locale;

/**
 * Finds the bucket and key of a request. Virtual-hosted style ({@code bucket.<suffix>/key}) applies when the Host
 * (without port, case-insensitive) ends with {@code "." + suffix} for one of the configured suffixes, the longest
 * such suffix deciding where the bucket ends; otherwise (the Host is a suffix itself, an IP literal, matches no
 * suffix, or is absent) path style ({@code /bucket/key}). The key is the percent-decoded rest of the path; an empty key means the bucket itself.
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

    /**
     * The bucket named by the Host, or null for path style: the longest configured suffix the host ends with (after
     * a dot) wins, whatever the order of the list, so {@code b.s3.localhost} is bucket {@code b} with suffixes
     * {@code [localhost, s3.localhost]}; a host that is itself a suffix, an IP literal or a host matching no suffix
     * is path style.
     */
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
        if (virtualHostSuffixes.contains(h) || isIpv4Literal(h)) {
            return null;
        }
        String longest = null;
        for (String suffix : virtualHostSuffixes) {
            if ((longest == null || suffix.length() > longest.length()) && h.length() > suffix.length() + 1
                    && h.endsWith(suffix) && h.charAt(h.length() - suffix.length() - 1) == '.') {
                longest = suffix;
            }
        }
        return longest == null ? null : h.substring(0, h.length() - longest.length() - 1);
    }

    /** Four dot-separated groups of 1-3 digits (checked by hand: this runs for every request). */
    private static boolean isIpv4Literal(String h) {
        int groups = 1;
        int digits = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 4) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 4 && digits > 0;
    }
}
