package io.trustgate.s3.http;

import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.S3TestServerAccess;
import io.trustgate.s3.spi.InMemoryBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the S3 front end does with request features it cannot honour on unversioned buckets with plain storage:
 * version ids, encryption, object lock, tagging, storage classes; and the exact shape of some AWS errors. Each over a
 * real socket against an in-memory store, asserting the object is left as it was when the request is refused.
 */
class S3SemanticsTest {

    static InMemoryBlobStore store;
    static S3TestServerAccess server;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryBlobStore(5);
        store.createBucket("tg-sem");
        server = new S3TestServerAccess(store, S3ListenerSettings.of("sem", List.of(), Map.of("ak", "sk"),
                List.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends one signed request (UNSIGNED-PAYLOAD) and returns the whole response as text. */
    static String call(String method, String path, Map<String, String> headers, String body) throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (body != null) {
            h.put("Content-Length", String.valueOf(bytes.length));
        }
        try (RawS3Client c = new RawS3Client(server.port(), "ak", "sk")) {
            c.send(c.head(method, path, h));
            c.send(bytes);
            return c.response();
        }
    }

    static String call(String method, String path) throws Exception {
        return call(method, path, Map.of(), null);
    }

    static void put(String key, String content) throws Exception {
        assertThat(call("PUT", "/tg-sem/" + key, Map.of(), content)).startsWith("HTTP/1.1 200");
    }

    static boolean exists(String key) {
        return store.headObject("tg-sem", key).toCompletableFuture().handle((v, e) -> e == null).join();
    }

    // ---- F1: version ids ----

    @Test
    void aVersionOtherThanNullIsInvalidArgumentForReadsAndDeletes() throws Exception {
        put("v", "current");
        for (String method : List.of("GET", "DELETE")) {
            assertThat(call(method, "/tg-sem/v?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"))
                    .startsWith("HTTP/1.1 400").contains("<Code>InvalidArgument</Code>")
                    .contains("Invalid version id specified").doesNotContain("current");
        }
        assertThat(call("HEAD", "/tg-sem/v?versionId=abc")).startsWith("HTTP/1.1 400");
        assertThat(call("GET", "/tg-sem/v?acl&versionId=abc")).startsWith("HTTP/1.1 400");
        assertThat(call("GET", "/tg-sem/v?versionId=")).startsWith("HTTP/1.1 400")
                .contains("Version id cannot be the empty string");
        assertThat(exists("v")).as("a DELETE naming another version leaves the object").isTrue();

        assertThat(call("GET", "/tg-sem/v?versionId=null")).startsWith("HTTP/1.1 200").endsWith("current");
        assertThat(call("DELETE", "/tg-sem/v?versionId=null")).startsWith("HTTP/1.1 204");
        assertThat(exists("v")).isFalse();
    }

    @Test
    void deleteObjectsRefusesOnlyTheEntriesNamingAnotherVersion() throws Exception {
        put("d1", "1");
        put("d2", "2");
        put("d3", "3");
        String body = "<Delete><Object><Key>d1</Key><VersionId>abc</VersionId></Object>"
                + "<Object><Key>d2</Key></Object><Object><Key>d3</Key><VersionId>null</VersionId></Object></Delete>";
        String response = call("POST", "/tg-sem?delete", Map.of(), body);
        assertThat(response).startsWith("HTTP/1.1 200")
                .contains("<Error><Key>d1</Key><VersionId>abc</VersionId><Code>InvalidArgument</Code>"
                        + "<Message>Invalid version id specified</Message></Error>")
                .contains("<Deleted><Key>d2</Key></Deleted>")
                .contains("<Deleted><Key>d3</Key><VersionId>null</VersionId></Deleted>");
        assertThat(exists("d1")).isTrue();
        assertThat(exists("d2")).isFalse();
        assertThat(exists("d3")).isFalse();
    }

    @Test
    void copyFromAnotherVersionIsInvalidArgument() throws Exception {
        put("src", "s");
        assertThat(call("PUT", "/tg-sem/dst", Map.of("x-amz-copy-source", "/tg-sem/src?versionId=abc"), ""))
                .startsWith("HTTP/1.1 400").contains("<Code>InvalidArgument</Code>");
        assertThat(exists("dst")).isFalse();
        assertThat(call("PUT", "/tg-sem/dst", Map.of("x-amz-copy-source", "/tg-sem/src?versionId=null"), ""))
                .startsWith("HTTP/1.1 200");
    }

    // ---- F3: what no backend here can honour ----

    static void assertRefused(String path, Map<String, String> headers, String body, String status, String code,
                              String key) throws Exception {
        assertThat(call(body == null ? "POST" : "PUT", path, headers, body)).as("%s %s", path, headers)
                .startsWith("HTTP/1.1 " + status).contains("<Code>" + code + "</Code>");
        assertThat(exists(key)).as("nothing stored for %s", headers).isFalse();
    }

    @Test
    void putObjectRefusesEncryptionObjectLockTaggingAndOtherStorageClasses() throws Exception {
        List<Map<String, String>> notImplemented = List.of(
                Map.of("x-amz-server-side-encryption-customer-algorithm", "AES256",
                        "x-amz-server-side-encryption-customer-key", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
                        "x-amz-server-side-encryption-customer-key-MD5", "2R6yYfdVwXgUYaNnAbw3Jw=="),
                Map.of("x-amz-server-side-encryption", "AES256"),
                Map.of("x-amz-server-side-encryption", "aws:kms"),
                Map.of("x-amz-server-side-encryption", "aws:kms:dsse"),
                Map.of("x-amz-server-side-encryption-aws-kms-key-id", "alias/k"),
                Map.of("x-amz-object-lock-mode", "GOVERNANCE",
                        "x-amz-object-lock-retain-until-date", "2030-01-01T00:00:00Z"),
                Map.of("x-amz-object-lock-legal-hold", "ON"),
                Map.of("x-amz-tagging", "a=b"),
                Map.of("x-amz-storage-class", "GLACIER"),
                Map.of("x-amz-storage-class", "STANDARD_IA"));
        for (Map<String, String> headers : notImplemented) {
            assertRefused("/tg-sem/refused", headers, "data", "501", "NotImplemented", "refused");
            assertRefused("/tg-sem/refused?uploads", headers, null, "501", "NotImplemented", "refused");
        }
        assertRefused("/tg-sem/refused", Map.of("x-amz-storage-class", "BOGUS"), "data", "400",
                "InvalidStorageClass", "refused");
        assertRefused("/tg-sem/refused?uploads", Map.of("x-amz-storage-class", "BOGUS"), null, "400",
                "InvalidStorageClass", "refused");
        assertRefused("/tg-sem/refused", Map.of("x-amz-server-side-encryption", "rot13"), "data", "400",
                "InvalidArgument", "refused");
        assertThat(call("GET", "/tg-sem?uploads")).doesNotContain("<Key>refused</Key>");

        assertThat(call("PUT", "/tg-sem/standard", Map.of("x-amz-storage-class", "STANDARD"), "s"))
                .startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("x-amz-server-side-encryption");
        assertThat(call("PUT", "/tg-sem/legal", Map.of("x-amz-tagging", ""), "s")).startsWith("HTTP/1.1 200");
    }

    @Test
    void copyObjectRefusesEncryptionObjectLockAndStorageClasses() throws Exception {
        put("copy-src", "c");
        for (Map<String, String> headers : List.of(Map.of("x-amz-server-side-encryption", "AES256"),
                Map.of("x-amz-server-side-encryption-customer-algorithm", "AES256"),
                Map.of("x-amz-object-lock-legal-hold", "ON"), Map.of("x-amz-storage-class", "GLACIER"))) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("x-amz-copy-source", "/tg-sem/copy-src");
            assertRefused("/tg-sem/copy-dst", h, "", "501", "NotImplemented", "copy-dst");
        }
    }

    /**
     * Tagging on CopyObject is decided where PutObject's is: a tag-set or any tagging directive is 501 (no backend
     * keeps tags), and an empty x-amz-tagging, the empty tag-set AWS defaults to, copies (it was 501 before).
     */
    @Test
    void copyObjectRefusesTagsButTakesTheEmptyTagSet() throws Exception {
        put("tag-src", "tagged?");
        for (Map<String, String> headers : List.of(Map.of("x-amz-tagging", "a=b"),
                Map.of("x-amz-tagging-directive", "REPLACE", "x-amz-tagging", "a=b"),
                Map.of("x-amz-tagging-directive", "COPY"))) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("x-amz-copy-source", "/tg-sem/tag-src");
            assertRefused("/tg-sem/tag-dst", h, "", "501", "NotImplemented", "tag-dst");
        }
        assertThat(call("PUT", "/tg-sem/tag-dst", Map.of("x-amz-copy-source", "/tg-sem/tag-src",
                "x-amz-tagging", ""), "")).startsWith("HTTP/1.1 200").contains("<CopyObjectResult");
        assertThat(call("GET", "/tg-sem/tag-dst")).startsWith("HTTP/1.1 200").endsWith("tagged?");
    }

    // ---- SSE-C headers on reads: no object here is stored with SSE-C ----

    static final String KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="; // 32 bytes
    static final String KEY_MD5 = "KYvwGXoFFJ42a2u2GDWhwQ==";

    static Map<String, String> customerKey(String prefix, String algorithm, String key, String md5) {
        Map<String, String> h = new LinkedHashMap<>();
        if (algorithm != null) {
            h.put(prefix + "algorithm", algorithm);
        }
        if (key != null) {
            h.put(prefix + "key", key);
        }
        if (md5 != null) {
            h.put(prefix + "key-MD5", md5);
        }
        return h;
    }

    @Test
    void getAndHeadWithACustomerKeyAreInvalidRequestOnAnObjectStoredWithoutOne() throws Exception {
        put("plain", "not encrypted");
        String p = "x-amz-server-side-encryption-customer-";
        for (Map<String, String> h : List.of(customerKey(p, "AES256", KEY, KEY_MD5),
                customerKey(p, "AES256", KEY, null))) {
            assertThat(call("GET", "/tg-sem/plain", h, null)).as("%s", h).startsWith("HTTP/1.1 400")
                    .contains("<Code>InvalidRequest</Code>")
                    .contains("<Message>The encryption parameters are not applicable to this object.</Message>")
                    .doesNotContain("not encrypted");
            assertThat(call("HEAD", "/tg-sem/plain", h, null)).startsWith("HTTP/1.1 400").doesNotContain("<Error>");
            Map<String, String> ranged = new LinkedHashMap<>(h);
            ranged.put("Range", "bytes=0-3");
            assertThat(call("GET", "/tg-sem/plain", ranged, null)).startsWith("HTTP/1.1 400");
        }
        assertThat(call("GET", "/tg-sem/absent", customerKey(p, "AES256", KEY, KEY_MD5), null))
                .startsWith("HTTP/1.1 404").contains("<Code>NoSuchKey</Code>");
        assertThat(call("GET", "/tg-sem/plain")).startsWith("HTTP/1.1 200").endsWith("not encrypted");
    }

    @Test
    void aMalformedCustomerKeyIsTheAwsErrorBeforeTheObjectIsLookedAt() throws Exception {
        String p = "x-amz-server-side-encryption-customer-";
        String shortKey = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MA=="; // 31 bytes
        Map<Map<String, String>, String> cases = new LinkedHashMap<>();
        cases.put(customerKey(p, "AES256", null, null), "InvalidArgument</Code><Message>Requests specifying Server "
                + "Side Encryption with Customer provided keys must provide an appropriate secret key.");
        cases.put(customerKey(p, null, KEY, KEY_MD5), "InvalidArgument</Code><Message>Requests specifying Server "
                + "Side Encryption with Customer provided keys must provide a valid encryption algorithm.");
        cases.put(customerKey(p, null, null, KEY_MD5), "InvalidArgument");
        cases.put(customerKey(p, "AES128", KEY, KEY_MD5), "InvalidEncryptionAlgorithmError</Code><Message>The "
                + "Encryption request you specified is not valid. Supported value: AES256.");
        cases.put(customerKey(p, "AES256", shortKey, null), "InvalidArgument</Code><Message>The secret key was "
                + "invalid for the specified algorithm.");
        cases.put(customerKey(p, "AES256", "not base64!", null), "InvalidArgument</Code><Message>The secret key "
                + "was invalid for the specified algorithm.");
        cases.put(customerKey(p, "AES256", KEY, "2R6yYfdVwXgUYaNnAbw3Jw=="), "InvalidArgument</Code><Message>The "
                + "calculated MD5 hash of the key did not match the hash that was provided.");
        for (Map.Entry<Map<String, String>, String> c : cases.entrySet()) {
            assertThat(call("GET", "/tg-sem/absent", c.getKey(), null)).as("%s", c.getKey())
                    .startsWith("HTTP/1.1 400").contains("<Code>" + c.getValue());
            assertThat(call("HEAD", "/tg-sem/absent", c.getKey(), null)).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void copiesWithACopySourceCustomerKeyAreInvalidRequestOnASourceStoredWithoutOne() throws Exception {
        put("ssec-src", "source");
        String p = "x-amz-copy-source-server-side-encryption-customer-";
        Map<String, String> h = customerKey(p, "AES256", KEY, KEY_MD5);
        h.put("x-amz-copy-source", "/tg-sem/ssec-src");
        assertThat(call("PUT", "/tg-sem/ssec-dst", h, "")).startsWith("HTTP/1.1 400")
                .contains("<Code>InvalidRequest</Code>")
                .contains("The encryption parameters are not applicable to this object.");
        assertThat(exists("ssec-dst")).isFalse();
        Map<String, String> malformed = customerKey(p, "AES256", KEY, "2R6yYfdVwXgUYaNnAbw3Jw==");
        malformed.put("x-amz-copy-source", "/tg-sem/ssec-absent");
        assertThat(call("PUT", "/tg-sem/ssec-dst", malformed, "")).as("checked before the source is looked up")
                .startsWith("HTTP/1.1 400").contains("<Code>InvalidArgument</Code>");

        String created = call("POST", "/tg-sem/ssec-mpu?uploads", Map.of(), null);
        String uploadId = created.substring(created.indexOf("<UploadId>") + 10, created.indexOf("</UploadId>"));
        assertThat(call("PUT", "/tg-sem/ssec-mpu?partNumber=1&uploadId=" + uploadId, h, ""))
                .startsWith("HTTP/1.1 400").contains("<Code>InvalidRequest</Code>");
        assertThat(call("GET", "/tg-sem/ssec-mpu?uploadId=" + uploadId)).doesNotContain("<Part>");
        assertThat(call("DELETE", "/tg-sem/ssec-mpu?uploadId=" + uploadId)).startsWith("HTTP/1.1 204");
    }

    @Test
    void createBucketWithObjectLockIsNotImplemented() throws Exception {
        assertThat(call("PUT", "/tg-sem-locked", Map.of("x-amz-bucket-object-lock-enabled", "true"), ""))
                .startsWith("HTTP/1.1 501").contains("<Code>NotImplemented</Code>");
        assertThat(store.headBucket("tg-sem-locked").toCompletableFuture().handle((v, e) -> e == null).join())
                .isFalse();
        assertThat(call("PUT", "/tg-sem-unlocked", Map.of("x-amz-bucket-object-lock-enabled", "false"), ""))
                .startsWith("HTTP/1.1 200");
    }

    // ---- E2: the shape of InvalidRange ----

    @Test
    void unsatisfiableRangeReportsTheObjectSizeAsAwsDoes() throws Exception {
        put("ten", "0123456789");
        String response = call("GET", "/tg-sem/ten", Map.of("Range", "bytes=100-200"), null);
        assertThat(response).startsWith("HTTP/1.1 416").containsIgnoringCase("content-range: bytes */10\r\n")
                .contains("<Code>InvalidRange</Code>")
                .contains("<RangeRequested>bytes=100-200</RangeRequested><ActualObjectSize>10</ActualObjectSize>");
        assertThat(call("HEAD", "/tg-sem/ten", Map.of("Range", "bytes=10-"), null)).startsWith("HTTP/1.1 416")
                .containsIgnoringCase("content-range: bytes */10\r\n");
        // a part the object does not have is not a byte range: 416 InvalidPartNumber, as AWS
        assertThat(call("GET", "/tg-sem/ten?partNumber=2")).startsWith("HTTP/1.1 416")
                .contains("<Code>InvalidPartNumber</Code>").doesNotContain("RangeRequested");
    }

    // ---- E3: ListObjects (V1) NextMarker ----

    @Test
    void listObjectsV1GivesNextMarkerOnlyWithADelimiter() throws Exception {
        assertThat(call("PUT", "/tg-sem-list", Map.of(), "")).startsWith("HTTP/1.1 200");
        for (String key : List.of("a/1", "a/2", "b", "c")) {
            assertThat(call("PUT", "/tg-sem-list/" + key, Map.of(), "x")).startsWith("HTTP/1.1 200");
        }
        String plain = call("GET", "/tg-sem-list?max-keys=1");
        assertThat(plain).contains("<IsTruncated>true</IsTruncated>").contains("<Key>a/1</Key>")
                .doesNotContain("NextMarker");
        assertThat(call("GET", "/tg-sem-list?max-keys=1&marker=a/1")).contains("<Marker>a/1</Marker>")
                .contains("<Key>a/2</Key>").doesNotContain("NextMarker");
        String delimited = call("GET", "/tg-sem-list?max-keys=1&delimiter=/");
        assertThat(delimited).contains("<IsTruncated>true</IsTruncated>").contains("<Prefix>a/</Prefix>")
                .contains("<NextMarker>a/</NextMarker>");
        assertThat(call("GET", "/tg-sem-list?delimiter=/")).contains("<IsTruncated>false</IsTruncated>")
                .doesNotContain("NextMarker");
    }

    // ---- E4: what AWS rejects ----

    @Test
    void bucketNamesAwsReservesAreInvalid() throws Exception {
        for (String name : List.of("192.168.1.1", "xn--abc", "sthree-abc", "amzn-s3-demo-abc", "abc-s3alias",
                "abc--ol-s3", "abc.mrap", "abc--x-s3", "abc--table-s3")) {
            assertThat(call("PUT", "/" + name, Map.of(), "")).as(name).startsWith("HTTP/1.1 400")
                    .contains("<Code>InvalidBucketName</Code>");
        }
        assertThat(call("PUT", "/192.168.1.1a", Map.of(), "")).startsWith("HTTP/1.1 200");
        assertThat(call("PUT", "/abc-s3alias-not", Map.of(), "")).startsWith("HTTP/1.1 200");
    }

    @Test
    void userMetadataOverTwoKilobytesIsMetadataTooLarge() throws Exception {
        // name "k" (1 byte, without x-amz-meta-) plus a 2047-byte value: exactly 2 KB, the most AWS takes
        assertThat(call("PUT", "/tg-sem/meta", Map.of("x-amz-meta-k", "v".repeat(2047)), "m"))
                .startsWith("HTTP/1.1 200");
        for (String path : List.of("/tg-sem/meta-big", "/tg-sem/meta-big?uploads")) {
            assertRefused(path, Map.of("x-amz-meta-k", "v".repeat(1000), "x-amz-meta-kk", "w".repeat(1046)),
                    path.endsWith("uploads") ? null : "m", "400", "MetadataTooLarge", "meta-big");
        }
        assertRefused("/tg-sem/meta-big", Map.of("x-amz-copy-source", "/tg-sem/meta",
                "x-amz-metadata-directive", "REPLACE", "x-amz-meta-k", "v".repeat(2048)), "", "400",
                "MetadataTooLarge", "meta-big");
    }

    @Test
    void twoChecksumHeadersAreInvalidRequest() throws Exception {
        assertRefused("/tg-sem/two-sums", Map.of("x-amz-checksum-crc32", "NhCmhg==",
                "x-amz-checksum-sha1", "qZk+NkcGgWq6PiVxeFDCbJzQ2J0="), "abc", "400", "InvalidRequest", "two-sums");
        assertThat(call("PUT", "/tg-sem/two-sums", Map.of("x-amz-checksum-crc32", "NSRBwg=="), "abc"))
                .startsWith("HTTP/1.1 200");
    }

    // ---- XML: keys with CR and control characters ----

    @Test
    void aKeyWithCarriageReturnIsACharacterReferenceInListingsAndMultipartAnswers() throws Exception {
        assertThat(call("PUT", "/tg-sem-xml", Map.of(), "")).startsWith("HTTP/1.1 200");
        assertThat(call("PUT", "/tg-sem-xml/cr%0Dx", Map.of(), "1")).startsWith("HTTP/1.1 200");
        assertThat(call("PUT", "/tg-sem-xml/ctl%01x", Map.of(), "1")).startsWith("HTTP/1.1 200");
        String listing = call("GET", "/tg-sem-xml?list-type=2");
        assertThat(listing).contains("<Key>cr&#13;x</Key>").contains("<Key>ctl&#x1;x</Key>")
                .doesNotContain("cr\rx").doesNotContain("\u0001");
        assertThat(call("GET", "/tg-sem-xml?list-type=2&encoding-type=url")).contains("<Key>cr%0Dx</Key>");
        assertThat(call("POST", "/tg-sem-xml/m%0Dk?uploads", Map.of(), ""))
                .startsWith("HTTP/1.1 200").contains("<Key>m&#13;k</Key>");
    }

    @Test
    void anErrorAboutAKeyWithAControlCharacterStaysWellFormedXml() throws Exception {
        String response = call("GET", "/tg-sem/missing%01key");
        assertThat(response).startsWith("HTTP/1.1 404").contains("<Code>NoSuchKey</Code>")
                .contains("<Resource>/tg-sem/missing%01key</Resource>").doesNotContain("\u0001");
        String body = response.substring(response.indexOf("<?xml"));
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("Code").item(0).getTextContent()).isEqualTo("NoSuchKey");
    }
}
