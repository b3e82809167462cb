package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.ServerSideEncryption;
import io.trustgate.s3.spi.WriteConditions;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** SPI values to SDK request fields and SDK responses to SPI values. */
final class Conversions {

    private Conversions() {
    }

    /** The content headers and user metadata of an upload, applied through a setter per field. */
    record PropertySetters(Consumer<String> contentType, Consumer<String> contentEncoding,
                           Consumer<String> contentDisposition, Consumer<String> contentLanguage,
                           Consumer<String> cacheControl, Consumer<Map<String, String>> metadata) {
    }

    static void apply(ObjectProperties p, PropertySetters set) {
        ifSet(p.contentType(), set.contentType());
        ifSet(p.contentEncoding(), set.contentEncoding());
        ifSet(p.contentDisposition(), set.contentDisposition());
        ifSet(p.contentLanguage(), set.contentLanguage());
        ifSet(p.cacheControl(), set.cacheControl());
        if (!p.userMetadata().isEmpty()) {
            set.metadata().accept(p.userMetadata());
        }
    }

    /**
     * {@code Expires} is kept verbatim (the SDK's field is an {@code Instant}, which would reformat or reject it),
     * so it travels as a raw header.
     */
    static void expires(ObjectProperties p, AwsRequestOverrideConfiguration.Builder o) {
        if (p.expires() != null) {
            o.putHeader("Expires", p.expires());
        }
    }

    private static void ifSet(String value, Consumer<String> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** {@code If-Match} as a quoted ETag, or null. */
    static String ifMatch(WriteConditions c) {
        return c.ifMatch() == null ? null : quote(c.ifMatch());
    }

    /** A delete condition as the upstream's {@code If-Match} / {@code <ETag>}: {@code *}, a quoted ETag or null. */
    static String ifMatch(DeleteCondition c) {
        return c == null || c.isNone() ? null : c.anyVersion() ? "*" : quote(c.ifMatch());
    }

    static String ifNoneMatch(WriteConditions c) {
        return c.ifNoneMatchAny() ? "*" : null;
    }

    static String quote(String bareEtag) {
        return "\"" + bareEtag + "\"";
    }

    static String bare(String etag) {
        return etag == null ? "" : ETags.bare(etag);
    }

    static ObjectInfo info(String key, GetObjectResponse r) {
        ObjectProperties p = new ObjectProperties(r.contentType(), r.contentEncoding(), r.contentDisposition(),
                r.contentLanguage(), r.cacheControl(), r.expiresString(), r.metadata());
        return new ObjectInfo(key, r.contentLength() == null ? 0 : r.contentLength(), bare(r.eTag()),
                time(r.lastModified()), p, checksums(r.checksumCRC32(), r.checksumCRC32C(), r.checksumCRC64NVME(),
                r.checksumSHA1(), r.checksumSHA256(), r.checksumTypeAsString()), partsCount(r.eTag()),
                encryption(r.serverSideEncryptionAsString(), r.ssekmsKeyId(), r.bucketKeyEnabled(),
                        r.sseCustomerAlgorithm(), r.sseCustomerKeyMD5()));
    }

    static ObjectInfo info(String key, HeadObjectResponse r) {
        ObjectProperties p = new ObjectProperties(r.contentType(), r.contentEncoding(), r.contentDisposition(),
                r.contentLanguage(), r.cacheControl(), r.expiresString(), r.metadata());
        return new ObjectInfo(key, r.contentLength() == null ? 0 : r.contentLength(), bare(r.eTag()),
                time(r.lastModified()), p, checksums(r.checksumCRC32(), r.checksumCRC32C(), r.checksumCRC64NVME(),
                r.checksumSHA1(), r.checksumSHA256(), r.checksumTypeAsString()), partsCount(r.eTag()),
                encryption(r.serverSideEncryptionAsString(), r.ssekmsKeyId(), r.bucketKeyEnabled(),
                        r.sseCustomerAlgorithm(), r.sseCustomerKeyMD5()));
    }

    /** The encryption an SDK answer reports (its {@code x-amz-server-side-encryption*} headers). */
    static ServerSideEncryption encryption(String algorithm, String kmsKeyId, Boolean bucketKeyEnabled,
                                           String customerAlgorithm, String customerKeyMd5) {
        return ServerSideEncryption.of(algorithm, kmsKeyId,
                bucketKeyEnabled == null ? null : bucketKeyEnabled.toString(), customerAlgorithm, customerKeyMd5);
    }

    /** The stored checksums an upstream answer carries ({@code x-amz-checksum-*} and {@code x-amz-checksum-type}). */
    static List<Checksum> checksums(String crc32, String crc32c, String crc64, String sha1, String sha256,
                                    String type) {
        List<Checksum> out = new ArrayList<>(1);
        add(out, "CRC32", crc32, type);
        add(out, "CRC32C", crc32c, type);
        add(out, "CRC64NVME", crc64, type);
        add(out, "SHA1", sha1, type);
        add(out, "SHA256", sha256, type);
        return out;
    }

    private static void add(List<Checksum> out, String algorithm, String value, String type) {
        if (value == null || value.isEmpty()) {
            return;
        }
        ChecksumType t;
        if (type != null && type.equalsIgnoreCase("COMPOSITE")) {
            t = ChecksumType.COMPOSITE;
        } else if (type != null && type.equalsIgnoreCase("FULL_OBJECT")) {
            t = ChecksumType.FULL_OBJECT;
        } else {
            t = value.contains("-") ? ChecksumType.COMPOSITE : ChecksumType.FULL_OBJECT;
        }
        out.add(new Checksum(algorithm, value, t));
    }

    /** The part count a multipart ETag ends with ({@code ...-N}), else 0. */
    static int partsCount(String etag) {
        String e = bare(etag);
        int dash = e.lastIndexOf('-');
        if (dash < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(e.substring(dash + 1));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    static Instant time(Instant t) {
        return t == null ? Instant.EPOCH : t;
    }

    /** The SDK request's checksum value setters (PutObject and UploadPart have the same ones on other builders). */
    record ChecksumSetters(Consumer<String> crc32, Consumer<String> crc32c, Consumer<String> crc64nvme,
                           Consumer<String> sha1, Consumer<String> sha256) {
    }

    /**
     * Passes a checksum upstream as its {@code x-amz-checksum-<alg>} header (the upstream verifies and stores it).
     * This is the SDK path's way; the event-loop path sends a checksum that comes in a trailer on as a trailer
     * ({@link AwsChunkedFraming}). Asking the SDK to compute it instead would make the upload aws-chunked, and S3Proxy
     * then closes the connection after an early error answer (PUT to a missing bucket), which the SDK reports as a
     * lost connection instead of the 404 (see docs/s3-passthrough.md).
     *
     * @return whether a value was set
     */
    /** The value of {@code algorithm}'s checksum among {@code checksums}, null when none (or no algorithm). */
    static String value(List<Checksum> checksums, String algorithm) {
        if (algorithm == null) {
            return null;
        }
        for (Checksum c : checksums) {
            if (c.algorithm().equalsIgnoreCase(algorithm)) {
                return c.value();
            }
        }
        return null;
    }

    static boolean requestChecksum(String algorithm, String value, ChecksumSetters set) {
        if (algorithm == null || value == null) {
            return false;
        }
        switch (algorithm) {
            case "CRC32" -> set.crc32().accept(value);
            case "CRC32C" -> set.crc32c().accept(value);
            case "CRC64NVME" -> set.crc64nvme().accept(value);
            case "SHA1" -> set.sha1().accept(value);
            case "SHA256" -> set.sha256().accept(value);
            default -> {
                return false;
            }
        }
        return true;
    }
}
