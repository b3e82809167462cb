package io.trustgate.compat.s3;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The S3 servers every S3 compat test runs against. A new lane joins the whole matrix by one constant here (plus,
 * for a trustgate lane, its backend in the gateway config that {@link S3Servers} writes): what kind of server it is
 * and where it departs from AWS S3.
 *
 * <p>trustgate lanes are held to AWS behaviour and carry no {@link Deviation} of their own but the S3 passthrough's
 * {@link Deviation#COPY_SOURCE_SSE_C_NOT_FORWARDED}; PASSTHROUGH inherits S3Proxy's where S3Proxy is its upstream,
 * PASSTHROUGH_TG (upstream: a second trustgate, {@link TrustgateUpstream}) inherits none.
 * {@link S3GatewayFixture} starts one gateway for all of them, with the lane's backend item in its
 * {@code backends} list ({@code {dir}}: a fresh data directory; {@code {upstream}}, {@code {upstreamAccessKey}},
 * {@code {upstreamSecretKey}}: the passthrough upstream's HTTP endpoint and the key pair the passthrough backend
 * signs with, see {@link PassthroughUpstream}; {@code {azurite}}: Azurite's blob endpoint). A new lane is one
 * constant, e.g. (backend keys as the S3 backends define them):
 * <pre>
 * FILESYSTEM(Kind.GATEWAY, "{name: filesystem, type: filesystem, directory: \"{dir}\", fsync: \"no\"}",
 *         EnumSet.noneOf(Deviation.class)),
 * </pre>
 * The backend's {@code name} must equal the lane's {@link #id()}.
 */
enum S3Target {

    /** S3Proxy 4.0.0 on the jclouds filesystem provider, started by {@code scripts/s3proxy.sh}: the reference. */
    S3PROXY(Kind.REFERENCE, null, EnumSet.of(Deviation.TRAILER_CHECKSUM_IGNORED,
            Deviation.TRAILER_CHECKSUM_NOT_STORED, Deviation.MP_OBJECT_SIZE_NOT_IMPLEMENTED,
            Deviation.PART_NUMBER_GET_NOT_IMPLEMENTED,
            Deviation.UPLOAD_PART_WITHOUT_UPLOAD, Deviation.VERSIONING_NOT_IMPLEMENTED,
            Deviation.FORM_URLENCODED_PUT_REFUSED, Deviation.CONTENT_TYPE_REWRITTEN,
            Deviation.HEADER_TOO_LARGE_IS_431, Deviation.DROPS_REUSED_CONNECTIONS,
            Deviation.CONDITIONAL_DELETE_NOT_IMPLEMENTED, Deviation.PART_CHECKSUMS_NOT_CHECKED,
            Deviation.SSE_C_NOT_IMPLEMENTED, Deviation.INVALID_RANGE_WITHOUT_SIZE,
            Deviation.PRESIGNED_QUERY_HEADERS_IGNORED)),

    /** trustgate on its filesystem backend (a fresh data directory, fsync off): held to AWS behaviour. */
    FILESYSTEM(Kind.GATEWAY, "{name: filesystem, type: filesystem, directory: \"{dir}\", fsync: \"no\"}",
            EnumSet.noneOf(Deviation.class)),

    /**
     * trustgate passing through to its upstream ({@link PassthroughUpstream}: the S3PROXY lane's server, or
     * LocalStack), re-signing with the upstream's keys: held to AWS behaviour except where the upstream's own
     * behaviour shows through a faithful pass-through (the upstream stores what it is sent and answers what it
     * answers). Its own deviation is the passthrough's, shared with PASSTHROUGH_TG (a trailer checksum is passed on
     * in an aws-chunked trailer, a copy-source SSE-C key is not); the second set is S3Proxy's, inherited only
     * while S3Proxy is the upstream. LocalStack's, if any, are not recorded: that upstream has not been run yet
     * (docs/s3-compat-tests.md).
     */
    PASSTHROUGH(Kind.GATEWAY, "{name: passthrough, type: s3, endpoint: \"{upstream}\", region: us-east-1,"
            + " accessKey: \"{upstreamAccessKey}\", secretKey: \"{upstreamSecretKey}\", pathStyle: true}",
            EnumSet.of(Deviation.COPY_SOURCE_SSE_C_NOT_FORWARDED),
            EnumSet.of(Deviation.UPLOAD_PART_WITHOUT_UPLOAD, Deviation.CONTENT_TYPE_REWRITTEN,
                    Deviation.FORM_URLENCODED_PUT_REFUSED, Deviation.PART_NUMBER_GET_NOT_IMPLEMENTED,
                    Deviation.CONDITIONAL_DELETE_NOT_IMPLEMENTED, Deviation.PART_CHECKSUMS_NOT_CHECKED,
                    Deviation.TRAILER_CHECKSUM_NOT_STORED, Deviation.SSE_C_NOT_IMPLEMENTED)),

    /**
     * trustgate passing through to a second trustgate on its filesystem backend ({@link TrustgateUpstream}, in this
     * JVM), re-signing with that one's keys. The upstream answers as AWS does, so whatever the passthrough drops,
     * alters or answers itself shows: held to AWS behaviour. Its one deviation is the passthrough's own (also
     * PASSTHROUGH's): a copy-source SSE-C key is not forwarded.
     */
    PASSTHROUGH_TG(Kind.GATEWAY, "{name: passthrough-tg, type: s3, endpoint: \"{tgUpstream}\", region: us-east-1,"
            + " accessKey: \"{tgUpstreamAccessKey}\", secretKey: \"{tgUpstreamSecretKey}\", pathStyle: true}",
            EnumSet.of(Deviation.COPY_SOURCE_SSE_C_NOT_FORWARDED)),

    /** trustgate onto Azure Blob Storage: Azurite (started by {@code scripts/azurite.sh}), its development account. */
    AZURE(Kind.GATEWAY, "{name: azure, type: azure, accountName: devstoreaccount1, accountKey: "
            + "\"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==\", "
            + "endpoint: \"{azurite}\"}", EnumSet.noneOf(Deviation.class));

    /** Who serves the lane. */
    enum Kind {
        /** A reference S3 server the tests talk to directly. */
        REFERENCE,
        /** trustgate's S3 listener, routed to one backend. */
        GATEWAY
    }

    /**
     * A way a lane's server departs from AWS S3, found by running these suites against it. A test that meets one
     * asserts the lane's actual behaviour for that lane only (so a fix in the server shows up as a failing test
     * to update), and AWS's behaviour for every other lane.
     */
    enum Deviation {
        /** A checksum sent in an aws-chunked trailer (the SDKs' default upload) is neither verified (a wrong one is
         *  accepted; AWS: 400 BadDigest) nor stored (GET/HEAD with checksum mode ENABLED return none). One sent as
         *  an {@code x-amz-checksum-*} header is verified, stored and returned. */
        TRAILER_CHECKSUM_IGNORED,
        /** The storing half of {@link #TRAILER_CHECKSUM_IGNORED}: a checksum that came in an aws-chunked trailer is
         *  not kept, so GET/HEAD with checksum mode ENABLED return none (one sent as a header is kept). PASSTHROUGH
         *  inherits only this half: trustgate verifies the trailer and passes a PutObject's checksum on in an
         *  aws-chunked trailer, which S3Proxy takes without keeping (docs/s3-passthrough.md); header checksums
         *  round-trip. */
        TRAILER_CHECKSUM_NOT_STORED,
        /** UploadPart with an upload id that was never created succeeds and stores a hidden part, which then keeps
         *  the bucket from being deleted (AWS: 404 NoSuchUpload). */
        UPLOAD_PART_WITHOUT_UPLOAD,
        /** A request header section of 16 KiB and more is refused by the HTTP layer with 431 and no S3 XML body
         *  (AWS: 400 with an S3 error body). */
        HEADER_TOO_LARGE_IS_431,
        /** Content-Type parameters come back re-serialised ({@code text/plain; charset=utf-8} is returned as
         *  {@code text/plain;charset=utf-8}); AWS returns the stored value byte for byte. */
        CONTENT_TYPE_REWRITTEN,
        /** CompleteMultipartUpload with {@code x-amz-mp-object-size} (sent by the SDK's automatic multipart client
         *  and so by S3TransferManager) answers 501 NotImplemented; AWS checks the size and completes. */
        MP_OBJECT_SIZE_NOT_IMPLEMENTED,
        /** GetObject with {@code partNumber} (the SDK's multipart download, S3TransferManager.downloadFile) answers
         *  501 NotImplemented; AWS returns that part. */
        PART_NUMBER_GET_NOT_IMPLEMENTED,
        /** A PUT whose Content-Type is {@code application/x-www-form-urlencoded} (urllib's default for a body) has
         *  its body parsed as form parameters by the HTTP layer, so a presigned PUT fails SignatureDoesNotMatch;
         *  AWS stores the body. */
        FORM_URLENCODED_PUT_REFUSED,
        /** CompleteMultipartUpload of an upload created with a checksum algorithm does not check the part checksums
         *  named in the request: a missing one or a wrong one completes 200 (AWS: 400 InvalidRequest, 400
         *  InvalidPart). PASSTHROUGH forwards the part checksums as the client named them, so it shows its upstream's
         *  answer. */
        PART_CHECKSUMS_NOT_CHECKED,
        /** GetBucketVersioning and ListObjectVersions answer 501 NotImplemented; AWS answers an unversioned bucket
         *  with no versioning status and its objects as version {@code null}. A versionId on GetObject,
         *  DeleteObject or a DeleteObjects entry is 501 for the whole request too (AWS: 400 InvalidArgument "Invalid
         *  version id specified", per entry in DeleteObjects); the object is left alone either way. */
        VERSIONING_NOT_IMPLEMENTED,
        /** A conditional delete (DeleteObject with {@code If-Match}, DeleteObjects with an {@code <ETag>}) answers
         *  501 NotImplemented and deletes nothing; AWS checks the condition (412 PreconditionFailed, 404 NoSuchKey
         *  for a missing key). PASSTHROUGH passes the condition upstream and so inherits S3Proxy's answer. */
        CONDITIONAL_DELETE_NOT_IMPLEMENTED,
        /** Now and then a kept-alive connection is closed under the client, so the next request written on it fails
         *  (Broken pipe from the Java SDK's Apache client, "connection was closed during the request" from its Netty
         *  client, EPIPE from node); the SDKs retry such a request, but not a non-replayable stream upload. Seen
         *  intermittently here, cause not pinned down. AWS keeps the connection or says Connection: close. */
        DROPS_REUSED_CONNECTIONS,
        /** SSE-C headers on a read (GetObject, HeadObject, a copy source) answer 501 NotImplemented, malformed or
         *  not, on an existing key or a missing one; AWS answers a well-formed key on an object stored without
         *  SSE-C 400 InvalidRequest, and a malformed one 400 InvalidArgument. PASSTHROUGH forwards a GetObject's or
         *  HeadObject's key to the upstream (docs/s3-passthrough.md) and so inherits S3Proxy's answer there; a
         *  malformed key is answered by trustgate first (AWS's 400), a copy-source key is 501 from trustgate. */
        SSE_C_NOT_IMPLEMENTED,
        /** A 416 InvalidRange carries no {@code Content-Range: bytes *}{@code /SIZE} and no {@code RangeRequested} /
         *  {@code ActualObjectSize} elements, which AWS sends (SDKs read the size from them). PASSTHROUGH does not
         *  inherit it: trustgate answers an upstream 416 to a forwarded range itself, from the object's size. */
        INVALID_RANGE_WITHOUT_SIZE,
        /** The x-amz-* parameters a presigner puts into the URL (user metadata from botocore's SigV2 presigner or
         *  the JavaScript SDK's SigV4 one) do not act as headers: a SigV4 URL's metadata is dropped, a SigV2 URL
         *  with them is refused with SignatureDoesNotMatch (they are left out of the string to sign). AWS signs and
         *  applies them. */
        PRESIGNED_QUERY_HEADERS_IGNORED,
        /** The S3 passthrough's own (PASSTHROUGH, PASSTHROUGH_TG): CopyObject or UploadPartCopy with
         *  {@code x-amz-copy-source-server-side-encryption-customer-*} headers answers 501 NotImplemented from
         *  trustgate, on a source stored without SSE-C too, and copies nothing; the key is not forwarded upstream
         *  (docs/s3-passthrough.md). AWS answers a well-formed key on a source stored without SSE-C 400
         *  InvalidRequest, and copies an SSE-C source with its key. */
        COPY_SOURCE_SSE_C_NOT_FORWARDED
    }

    private final Kind kind;
    private final String backendYaml;
    private final Set<Deviation> deviations;
    private final Set<Deviation> fromS3ProxyUpstream;

    S3Target(Kind kind, String backendYaml, Set<Deviation> deviations) {
        this(kind, backendYaml, deviations, EnumSet.noneOf(Deviation.class));
    }

    /** @param fromS3ProxyUpstream deviations that hold only while S3Proxy is the passthrough upstream */
    S3Target(Kind kind, String backendYaml, Set<Deviation> deviations, Set<Deviation> fromS3ProxyUpstream) {
        this.kind = kind;
        this.backendYaml = backendYaml;
        this.deviations = deviations;
        this.fromS3ProxyUpstream = fromS3ProxyUpstream;
    }

    Kind kind() {
        return kind;
    }

    /** For a GATEWAY lane, its item in the gateway config's {@code backends} list (see the class comment). */
    String backendYaml() {
        return backendYaml;
    }

    /** True when this lane is known to depart from AWS in this way. */
    boolean deviates(Deviation deviation) {
        return deviations().contains(deviation);
    }

    /** The lane's deviations, lower-case and comma-separated, as the Python and Node scripts take them. */
    String deviationList() {
        return deviations().stream().map(d -> d.name().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The lane's deviations with this run's passthrough upstream (asked of {@link S3Servers} only when needed). */
    private Set<Deviation> deviations() {
        return fromS3ProxyUpstream.isEmpty() ? deviations : deviations(S3Servers.passthroughUpstream().upstream());
    }

    /** The lane's deviations when {@code upstream} is the passthrough upstream. */
    Set<Deviation> deviations(PassthroughUpstream upstream) {
        Set<Deviation> all = EnumSet.noneOf(Deviation.class);
        all.addAll(deviations);
        if (upstream == PassthroughUpstream.S3PROXY) {
            all.addAll(fromS3ProxyUpstream);
        }
        return all;
    }

    /** Lower-case name with '-' for '_', used in bucket names and in what the script-driven clients print. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
