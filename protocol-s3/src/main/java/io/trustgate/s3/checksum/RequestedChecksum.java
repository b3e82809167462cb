package io.trustgate.s3.checksum;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.Optional;

/**
 * The checksum a client names in an upload's headers, before its body: an {@code x-amz-checksum-<alg>} header
 * with its value, else a trailer announced by {@code x-amz-trailer}, else {@code x-amz-sdk-checksum-algorithm}.
 *
 * @param algorithm   the algorithm, null when the request names none
 * @param headerValue the base64 value when it came as a header, else null (it follows in a trailer, or the server
 *                    only computes it)
 */
public record RequestedChecksum(ChecksumAlgorithm algorithm, String headerValue) {

    public static final RequestedChecksum NONE = new RequestedChecksum(null, null);

    /**
     * Reads the request's headers.
     *
     * @throws IllegalArgumentException when {@code x-amz-sdk-checksum-algorithm} names no algorithm S3 knows
     */
    public static RequestedChecksum of(HttpHeaders headers) {
        ChecksumAlgorithm alg = null;
        String value = null;
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String v = headers.get(a.headerName());
            if (v != null) {
                alg = a;
                value = v;
            }
        }
        if (alg == null) {
            String trailer = headers.get("x-amz-trailer");
            if (trailer != null) {
                for (String name : trailer.split(",")) {
                    Optional<ChecksumAlgorithm> a = ChecksumAlgorithm.fromHeaderName(name.trim());
                    if (a.isPresent()) {
                        alg = a.get();
                    }
                }
            }
        }
        if (alg == null) {
            String sdk = headers.get("x-amz-sdk-checksum-algorithm");
            if (sdk != null) {
                alg = ChecksumAlgorithm.fromName(sdk).orElseThrow(() ->
                        new IllegalArgumentException("unsupported checksum algorithm " + sdk));
            }
        }
        return alg == null ? NONE : new RequestedChecksum(alg, value);
    }

    /** The algorithm's S3 name ({@code CRC32C}), or null. */
    public String algorithmName() {
        return algorithm == null ? null : algorithm.name();
    }
}
