package io.trustgate.s3.auth;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The x-amz-* parameters of a presigned URL that act as the request headers they stand for. Presigners move the
 * x-amz-* headers of the call they sign into the URL, because whoever holds the URL will not send them: botocore's
 * Signature Version 2 presigner ({@code HmacV1QueryAuth}) moves all of them, the JavaScript SDK v3's SigV4 presigner
 * "hoists" them (user metadata, ACL, storage class, tagging...). They are signed there (SigV2 counts them among the
 * CanonicalizedAmzHeaders, SigV4 in the canonical query), and S3 applies them as headers.
 *
 * <p>Left out: the parameters of authentication itself and of the body's framing, which are read from real
 * headers only, and the flexible checksums ({@code x-amz-checksum-*}, {@code x-amz-sdk-checksum-algorithm}): S3
 * presigned URLs do not support those algorithms for uploads (AWS's "Sharing objects with presigned URLs"), and
 * the JavaScript SDK since 3.729 signs the CRC32 of an empty body into every presigned PutObject URL. A name also
 * sent as a header keeps the header's value. Pure function, thread-safe.
 */
public final class PresignedQueryHeaders {

    private static final String AMZ_PREFIX = "x-amz-";
    /** Lower-case x-amz-* names that never act as headers from a query. */
    private static final Set<String> NOT_HEADERS = Set.of(
            // SigV4 query authentication
            "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-signedheaders",
            "x-amz-signature", "x-amz-security-token", "x-amz-content-sha256",
            // the body's framing, decided from the headers before the request is authenticated
            "x-amz-decoded-content-length", "x-amz-trailer",
            // flexible checksums: not supported by presigned uploads
            "x-amz-sdk-checksum-algorithm", "x-amz-checksum-type");

    private PresignedQueryHeaders() {
    }

    /**
     * The headers a presigned {@code request}'s query adds, by lower-case name, each value percent-decoded and
     * carried as a header carries it (its UTF-8 bytes, one char per byte). Call only once the request's signature
     * was verified: only signed parameters may act.
     *
     * @throws S3AuthException InvalidArgument for a value with a control character, which no header can carry
     */
    public static Map<String, String> of(SignedRequest request) throws S3AuthException {
        Map<String, String> out = new LinkedHashMap<>();
        for (SigV2StringToSign.RawParam param : SigV2StringToSign.parseQuery(request.rawQuery())) {
            String name = SigV2StringToSign.decode(param.name()).toLowerCase(Locale.ROOT);
            if (!name.startsWith(AMZ_PREFIX) || NOT_HEADERS.contains(name) || name.startsWith("x-amz-checksum-")
                    || request.header(name) != null || out.containsKey(name)) {
                continue;
            }
            String value = param.value() == null ? "" : param.value();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw S3AuthException.invalidArgument("The query parameter " + name + " of this presigned URL "
                            + "holds a control character, which a header value cannot carry.");
                }
            }
            out.put(name, new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
