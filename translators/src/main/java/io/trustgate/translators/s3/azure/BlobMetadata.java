package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.models.BlobHttpHeaders;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.ObjectProperties;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an S3 object carries besides its bytes, as Azure blob HTTP headers and metadata.
 *
 * <p>Azure metadata names must be C# identifiers and are case-insensitive, so an {@code x-amz-meta-} name is stored
 * as {@code m_} (value verbatim) or {@code n_} (value percent-encoded, for values that are not plain printable
 * ASCII) followed by the name with every character outside {@code [a-z0-9]} written as {@code _} and two hex digits
 * per UTF-8 byte: reversible, and never clashing with the backend's own {@code tg_} entries (S3 ETag, stored
 * checksums, part count and sizes, Expires, which Azure has no header for; for an object made by
 * CompleteMultipartUpload, the upload id and part-list fingerprint it was completed from). {@code tg_} entries are
 * never returned as {@code x-amz-meta-*}.
 */
final class BlobMetadata {

    static final String ETAG = "tg_etag";
    static final String CHECKSUMS = "tg_checksums";
    static final String PARTS = "tg_parts";
    static final String PART_SIZES = "tg_partsizes";
    static final String EXPIRES = "tg_expires";
    /** The multipart upload id an object was completed from (see {@code AzureMultipart#complete}). */
    static final String UPLOAD_ID = "tg_uploadid";
    /** {@code CompletedParts.fingerprint} of the part list that upload was completed with. */
    static final String UPLOAD_PARTS = "tg_uploadparts";
    private static final int MAX_PART_SIZES_CHARS = 4000;

    private BlobMetadata() {
    }

    /** Azure metadata for an object: user metadata encoded, plus the S3 ETag, checksums and parts. */
    static Map<String, String> toAzure(ObjectProperties properties, String s3Etag, List<Checksum> checksums,
                                       List<Long> partSizes) {
        Map<String, String> out = new HashMap<>();
        properties.userMetadata().forEach((name, value) -> {
            if (plain(value)) {
                out.put("m_" + encodeName(name), value);
            } else {
                out.put("n_" + encodeName(name), "~" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        if (properties.expires() != null) {
            out.put(EXPIRES, "~" + URLEncoder.encode(properties.expires(), StandardCharsets.UTF_8));
        }
        out.put(ETAG, s3Etag);
        if (!checksums.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Checksum c : checksums) {
                parts.add(c.algorithm() + ":" + c.type() + ":" + c.value());
            }
            out.put(CHECKSUMS, String.join(";", parts));
        }
        if (!partSizes.isEmpty()) {
            out.put(PARTS, Integer.toString(partSizes.size()));
            String sizes = String.join(",", partSizes.stream().map(String::valueOf).toList());
            if (sizes.length() <= MAX_PART_SIZES_CHARS) {
                out.put(PART_SIZES, sizes);
            }
        }
        return out;
    }

    /**
     * The Azure headers for {@code p}. Without a Content-Type Azure would store its own default
     * ({@code application/octet-stream}) and serve it back, so S3's default is stored instead; a type the client
     * sent is kept as sent.
     */
    static BlobHttpHeaders headers(ObjectProperties p, byte[] contentMd5) {
        String contentType = p.contentType() == null ? ObjectProperties.DEFAULT_CONTENT_TYPE : p.contentType();
        return new BlobHttpHeaders().setContentType(contentType).setContentEncoding(p.contentEncoding())
                .setContentDisposition(p.contentDisposition()).setContentLanguage(p.contentLanguage())
                .setCacheControl(p.cacheControl()).setContentMd5(contentMd5);
    }

    /** The S3 properties back from Azure headers and metadata (metadata names are matched case-insensitively). */
    static ObjectProperties properties(String contentType, String contentEncoding, String contentDisposition,
                                       String contentLanguage, String cacheControl, Map<String, String> metadata) {
        Map<String, String> user = new TreeMap<>();
        String expires = null;
        for (Map.Entry<String, String> e : safe(metadata).entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("m_")) {
                user.put(decodeName(name.substring(2)), e.getValue());
            } else if (name.startsWith("n_")) {
                user.put(decodeName(name.substring(2)), decodeValue(e.getValue()));
            } else if (name.equals(EXPIRES)) {
                expires = decodeValue(e.getValue());
            }
        }
        return new ObjectProperties(contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl,
                expires, user);
    }

    /** The S3 ETag: the stored one; else the blob's Content-MD5 in hex; else Azure's ETag without its quotes. */
    static String s3Etag(Map<String, String> metadata, byte[] contentMd5, String azureEtag) {
        String stored = get(metadata, ETAG);
        if (stored != null) {
            return stored;
        }
        if (contentMd5 != null && contentMd5.length == 16) {
            return HexFormat.of().formatHex(contentMd5);
        }
        return azureEtag == null ? "" : azureEtag.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    static List<Checksum> checksums(Map<String, String> metadata) {
        String stored = get(metadata, CHECKSUMS);
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        List<Checksum> out = new ArrayList<>();
        for (String one : stored.split(";")) {
            String[] f = one.split(":", 3);
            if (f.length == 3) {
                out.add(new Checksum(f[0], f[2], ChecksumType.valueOf(f[1])));
            }
        }
        return out;
    }

    static int partsCount(Map<String, String> metadata) {
        String stored = get(metadata, PARTS);
        return stored == null ? 0 : Integer.parseInt(stored);
    }

    static List<Long> partSizes(Map<String, String> metadata) {
        String stored = get(metadata, PART_SIZES);
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (String s : stored.split(",")) {
            out.add(Long.parseLong(s));
        }
        return out;
    }

    static String get(Map<String, String> metadata, String name) {
        for (Map.Entry<String, String> e : safe(metadata).entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    static String encodeName(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else {
                out.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        return out.toString();
    }

    static String decodeName(String encoded) {
        byte[] bytes = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_' && i + 2 < encoded.length()) {
                bytes[n++] = (byte) HexFormat.fromHexDigits(encoded, i + 1, i + 3);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static String decodeValue(String stored) {
        return stored != null && stored.startsWith("~")
                ? URLDecoder.decode(stored.substring(1), StandardCharsets.UTF_8) : stored;
    }

    private static boolean plain(String value) {
        if (value.isEmpty() || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '
                || value.charAt(0) == '~') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> safe(Map<String, String> metadata) {
        return metadata == null ? Map.of() : metadata;
    }
}
