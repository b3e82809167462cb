package io.trustgate.compat.s3;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The S3 servers every S3 compat test runs against. A new lane joins the whole matrix by one constant here (plus,
 * for a trustgate lane, its backend in the gateway config that {@link S3Servers} writes): what kind of server it is
 * and where it departs from AWS S3.
 *
 * <p>trustgate lanes carry no {@link Deviation} of their own (PASSTHROUGH inherits some of its upstream's): they are held to AWS
 * behaviour. {@link S3GatewayFixture} starts one gateway for all of them, with the lane's backend item in its
 * {@code backends} list ({@code {dir}}: a fresh data directory; {@code {s3proxy}}, {@code {s3proxyAccessKey}},
 * {@code {s3proxySecretKey}}: S3Proxy's HTTP endpoint and the key pair the passthrough backend signs with). A lane still to come looks like (backend keys as the S3 backends
 * define them):
 * <pre>
 * FILESYSTEM(Kind.GATEWAY, "{name: filesystem, type: filesystem, directory: \"{dir}\", fsync: \"no\"}",
 *         EnumSet.noneOf(Deviation.class)),
 * PASSTHROUGH(Kind.GATEWAY, "{name: passthrough, type: s3, endpoint: \"{s3proxy}\", accessKey: trustgate-s3proxy,"
 *         + " secretKey: trustgate-s3proxy-secret}", EnumSet.noneOf(Deviation.class)),
 * </pre>
 * AZURE below is the first such lane. The backend's {@code name} must equal the lane's {@link #id()}.
 */
enum S3Target {

    /** S3Proxy 4.0.0 on the jclouds filesystem provider, started by {@code scripts/s3proxy.sh}: the reference. */
    S3PROXY(Kind.REFERENCE, null, EnumSet.of(Deviation.TRAILER_CHECKSUM_IGNORED,
            Deviation.TRAILER_CHECKSUM_NOT_STORED, Deviation.MP_OBJECT_SIZE_NOT_IMPLEMENTED,
            Deviation.PART_NUMBER_GET_NOT_IMPLEMENTED,
            Deviation.UPLOAD_PART_WITHOUT_UPLOAD, Deviation.VERSIONING_NOT_IMPLEMENTED,
            Deviation.FORM_URLENCODED_PUT_REFUSED, Deviation.CONTENT_TYPE_REWRITTEN,
            Deviation.HEADER_TOO_LARGE_IS_431, Deviation.DROPS_REUSED_CONNECTIONS)),

    /** trustgate on its filesystem backend (a fresh data directory, fsync off): held to AWS behaviour. */
    FILESYSTEM(Kind.GATEWAY, "{name: filesystem, type: filesystem, directory: \"{dir}\", fsync: \"no\"}",
            EnumSet.noneOf(Deviation.class)),

    /**
     * trustgate passing through to the S3PROXY lane's server, re-signing with its keys: held to AWS behaviour
     * except where the upstream's own behaviour shows through a faithful pass-through (S3Proxy stores what it is
     * sent and answers what it answers): the deviations listed here are S3Proxy's, inherited, not trustgate's.
     */
    PASSTHROUGH(Kind.GATEWAY, "{name: passthrough, type: s3, endpoint: \"{s3proxy}\", region: us-east-1,"
            + " accessKey: \"{s3proxyAccessKey}\", secretKey: \"{s3proxySecretKey}\", pathStyle: true}",
            EnumSet.of(Deviation.UPLOAD_PART_WITHOUT_UPLOAD, Deviation.CONTENT_TYPE_REWRITTEN,
                    Deviation.FORM_URLENCODED_PUT_REFUSED, Deviation.PART_NUMBER_GET_NOT_IMPLEMENTED,
                    Deviation.TRAILER_CHECKSUM_NOT_STORED)),

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
         *  has only this half: trustgate verifies the trailer but does not pass it upstream (S3Proxy would not keep
         *  it either; why it is not passed on: docs/s3-passthrough.md), while header checksums round-trip. */
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
        /** GetBucketVersioning and ListObjectVersions answer 501 NotImplemented; AWS answers an unversioned bucket
         *  with no versioning status and its objects as version {@code null}. A versionId on GetObject,
         *  DeleteObject or a DeleteObjects entry is 501 for the whole request too (AWS: 400 InvalidArgument "Invalid
         *  version id specified", per entry in DeleteObjects); the object is left alone either way. */
        VERSIONING_NOT_IMPLEMENTED,
        /** Now and then a kept-alive connection is closed under the client, so the next request written on it fails
         *  (Broken pipe from the Java SDK's Apache client, "connection was closed during the request" from its Netty
         *  client, EPIPE from node); the SDKs retry such a request, but not a non-replayable stream upload. Seen
         *  intermittently here, cause not pinned down. AWS keeps the connection or says Connection: close. */
        DROPS_REUSED_CONNECTIONS
    }

    private final Kind kind;
    private final String backendYaml;
    private final Set<Deviation> deviations;

    S3Target(Kind kind, String backendYaml, Set<Deviation> deviations) {
        this.kind = kind;
        this.backendYaml = backendYaml;
        this.deviations = deviations;
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
        return deviations.contains(deviation);
    }

    /** The lane's deviations, lower-case and comma-separated, as the Python and Node scripts take them. */
    String deviationList() {
        return deviations.stream().map(d -> d.name().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** Lower-case name, used in bucket names and in what the script-driven clients print. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
