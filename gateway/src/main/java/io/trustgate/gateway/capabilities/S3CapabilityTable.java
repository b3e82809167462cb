package io.trustgate.gateway.capabilities;

import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.Support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The S3 backends' capability table for {@code docs/s3.md}, generated from each backend's
 * {@link io.trustgate.s3.spi.BlobStore#capabilities()} declaration (a capability missing from a declaration is
 * refused). The doc holds it between {@link #BEGIN} and {@link #END}; a test keeps the two equal.
 */
public final class S3CapabilityTable {

    public static final String BEGIN = "<!-- s3-capabilities:begin (generated from BlobStore.capabilities()) -->";
    public static final String END = "<!-- s3-capabilities:end -->";

    private S3CapabilityTable() {
    }

    /** @param backends backend type name to its declaration, in column order */
    public static String markdown(Map<String, Map<BlobCapability, Support>> backends) {
        Map<String, Map<BlobCapability, Support>> columns = new LinkedHashMap<>(backends);
        StringBuilder sb = new StringBuilder(BEGIN).append("\n| capability |");
        columns.keySet().forEach(name -> sb.append(' ').append(name).append(" |"));
        sb.append("\n|---|");
        columns.keySet().forEach(name -> sb.append("---|"));
        sb.append('\n');
        for (BlobCapability c : BlobCapability.values()) {
            sb.append("| ").append(c.description()).append(" |");
            for (Map<BlobCapability, Support> declared : columns.values()) {
                sb.append(' ').append(declared.getOrDefault(c, Support.REFUSED).name().toLowerCase(Locale.ROOT))
                        .append(" |");
            }
            sb.append('\n');
        }
        return sb.append(END).toString();
    }
}
