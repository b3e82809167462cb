package io.trustgate.s3.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worked examples of the Amazon S3 SigV4 documentation (example keys, 2013-05-24, us-east-1, examplebucket):
 * requests rebuilt from the spec's description, checked against the published signatures.
 */
class AwsDocumentationExamplesTest {

    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String DATE = "20130524T000000Z";
    private static final String SCOPE = ACCESS_KEY + "/20130524/us-east-1/s3/aws4_request";
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(
            id -> ACCESS_KEY.equals(id) ? Optional.of(SECRET_KEY) : Optional.empty(),
            Clock.fixed(Instant.parse("2013-05-24T00:05:00Z"), ZoneOffset.UTC));

    private static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], List.of(pairs[i + 1]));
        }
        return headers;
    }

    private static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + SCOPE + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature;
    }

    @Test
    void getObjectWithRange() throws Exception {
        SignedRequest request = new SignedRequest("GET", "/test.txt", "", headers(
                "host", "examplebucket.s3.amazonaws.com",
                "range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", DATE,
                "authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));

        Authentication auth = VERIFIER.verify(request);

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SHA256);
    }

    @Test
    void putObjectWithDollarInKeyAndStorageClass() throws Exception {
        SignedRequest request = new SignedRequest("PUT", "/test%24file.text", "", headers(
                "host", "examplebucket.s3.amazonaws.com",
                "date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-date", DATE,
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                "authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")));

        Authentication auth = VERIFIER.verify(request);
        PayloadHashVerifier body = PayloadHashVerifier.of(auth);
        body.update(Unpooled.copiedBuffer("Welcome to Amazon S3.", StandardCharsets.UTF_8));

        body.verify();
    }

    @Test
    void getBucketLifecycleWithValuelessParameter() throws Exception {
        SignedRequest request = new SignedRequest("GET", "/", "lifecycle", headers(
                "host", "examplebucket.s3.amazonaws.com",
                "x-amz-date", DATE,
                "x-amz-content-sha256", EMPTY_SHA256,
                "authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")));

        assertThat(VERIFIER.verify(request).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void listObjectsWithQueryInAnyOrder() throws Exception {
        for (String query : new String[] {"max-keys=2&prefix=J", "prefix=J&max-keys=2"}) {
            SignedRequest request = new SignedRequest("GET", "/", query, headers(
                    "host", "examplebucket.s3.amazonaws.com",
                    "x-amz-date", DATE,
                    "x-amz-content-sha256", EMPTY_SHA256,
                    "authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")));

            assertThat(VERIFIER.verify(request).accessKeyId()).isEqualTo(ACCESS_KEY);
        }
    }

    @Test
    void presignedGetValidForOneDay() throws Exception {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=" + SCOPE.replace("/", "%2F")
                + "&X-Amz-Date=" + DATE
                + "&X-Amz-Expires=86400"
                + "&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        SignedRequest request = new SignedRequest("GET", "/test.txt", query,
                headers("host", "examplebucket.s3.amazonaws.com"));

        assertThat(VERIFIER.verify(request).presigned()).isTrue();
        SigV4Verifier dayLater = new SigV4Verifier(id -> Optional.of(SECRET_KEY),
                Clock.fixed(Instant.parse("2013-05-25T00:00:01Z"), ZoneOffset.UTC));
        assertThatThrownBy(() -> dayLater.verify(request)).isInstanceOfSatisfying(S3AuthException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Request has expired"));
    }

    @Test
    void chunkedPutOfSixtyFiveKilobytes() throws Exception {
        String seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
        SignedRequest request = new SignedRequest("PUT", "/examplebucket/chunkObject.txt", "", headers(
                "host", "s3.amazonaws.com",
                "x-amz-date", DATE,
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560",
                "content-length", "66824",
                "authorization", authorization("content-encoding;content-length;host;x-amz-content-sha256;"
                        + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class", seed)));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        appendChunk(wire, 65536, "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
        appendChunk(wire, 1024, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
        appendChunk(wire, 0, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
        assertThat(wire.size()).isEqualTo(66824);

        Authentication auth = VERIFIER.verify(request);
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(auth, 66560, null);
        ByteBuf in = Unpooled.wrappedBuffer(wire.toByteArray());
        long[] decoded = {0};
        decoder.decode(in, slice -> {
            decoded[0] += slice.readableBytes();
            slice.release();
        });
        decoder.finish();

        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(decoded[0]).isEqualTo(66560);
        assertThat(decoder.isComplete()).isTrue();
    }

    @Test
    void chunkedPutWithSignedChecksumTrailer() throws Exception {
        SignedRequest request = new SignedRequest("PUT", "/examplebucket/chunkObject.txt", "", headers(
                "host", "s3.amazonaws.com",
                "x-amz-date", DATE,
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560",
                "x-amz-trailer", "x-amz-checksum-crc32c",
                "authorization", authorization("content-encoding;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer",
                        "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e")));
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        appendChunk(chunks, 65536, "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2");
        appendChunk(chunks, 1024, "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7");
        chunks.writeBytes("0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        String trailer = "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n";
        Authentication auth = VERIFIER.verify(request);

        // As the SDKs write it, and with an empty line between the final chunk and the trailers.
        for (String layout : new String[] {trailer + "\r\n", "\r\n" + trailer + "\r\n", "\r\n" + trailer}) {
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(auth, 66560, "x-amz-checksum-crc32c");
            ByteBuf in = Unpooled.wrappedBuffer(chunks.toByteArray(), layout.getBytes(StandardCharsets.US_ASCII));
            io.trustgate.s3.checksum.StreamingChecksum crc32c =
                    io.trustgate.s3.checksum.ChecksumAlgorithm.CRC32C.newDigest();
            decoder.decode(in, slice -> {
                crc32c.update(slice);
                slice.release();
            });
            in.release();
            decoder.finish();

            assertThat(decoder.trailers()).containsEntry("x-amz-checksum-crc32c", "sOO8/Q==");
            assertThat(crc32c.finishBase64()).isEqualTo("sOO8/Q==");
        }
    }

    private static void appendChunk(ByteArrayOutputStream out, int size, String signature) {
        out.writeBytes((Integer.toHexString(size) + ";chunk-signature=" + signature + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("a".repeat(size).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
