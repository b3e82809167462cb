package io.trustgate.s3.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** ETag arithmetic shared by backends. */
public final class ETags {

    private ETags() {
    }

    /**
     * The multipart ETag: hex MD5 of the concatenated binary MD5s of the parts, then {@code -} and the part count.
     *
     * @param partEtags bare hex ETags of the parts, in part order
     */
    public static String multipart(List<String> partEtags) {
        MessageDigest md5 = md5();
        HexFormat hex = HexFormat.of();
        for (String etag : partEtags) {
            md5.update(hex.parseHex(etag));
        }
        return hex.formatHex(md5.digest()) + "-" + partEtags.size();
    }

    /** Removes surrounding double quotes (and a weak {@code W/} prefix) from an ETag as clients send it. */
    public static String bare(String etag) {
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    /**
     * True when a comma-separated ETag list as clients send it in {@code If-Match} / {@code If-None-Match} (quoted,
     * weak or bare; or {@code *}) names {@code etag} (bare).
     */
    public static boolean listNames(String list, String etag) {
        for (String candidate : list.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || bare(c).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** A fresh MD5 digest. */
    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }
}
