package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobCapability;

/** What the S3 passthrough declares ({@link S3PassthroughStore#declaration()}); everything else is refused. */
final class PassthroughCapabilities {

    static final BlobCapabilities DECLARATION = BlobCapabilities.builder()
            .natively(BlobCapability.MULTIPART, null)
            .natively(BlobCapability.SERVER_SIDE_COPY, "CopyObject upstream")
            .natively(BlobCapability.PART_COPY, "UploadPartCopy upstream")
            .refused(BlobCapability.ZERO_COPY_READ, "no local file: bodies stream from the upstream "
                    + "(spliced socket to socket on epoll over plain HTTP)")
            .natively(BlobCapability.CONDITIONAL_WRITES, "checked by the upstream")
            .natively(BlobCapability.CONDITIONAL_DELETES, "passed upstream as If-Match / <ETag>: checked only "
                    + "if the upstream checks it (S3Proxy 4.0.0 refuses it with 501 NotImplemented, passed on; an "
                    + "upstream that predates conditional deletes may ignore it and delete; docs/s3-passthrough.md)")
            .natively(BlobCapability.USER_METADATA, null)
            // Verified by the server on the way in, then passed on as the client sent them (see docs).
            .emulated(BlobCapability.CHECKSUMS, "verified by the gateway, then passed on as sent: a header as that "
                    + "header, a PutObject's aws-chunked trailer as an aws-chunked trailer; the upstream keeps them "
                    + "or not (S3Proxy 4.0.0 ignores trailers; docs/s3-passthrough.md)")
            .natively(BlobCapability.BUCKET_MANAGEMENT, null)
            // The upstream may hold objects written there with SSE-C: it alone can tell (docs/s3-passthrough.md).
            .natively(BlobCapability.CUSTOMER_KEY_READS, "GetObject / HeadObject: the checked key is forwarded and "
                    + "the upstream decides (only over https or to a loopback endpoint, else 501 NotImplemented); "
                    + "a copy-source key is not forwarded: 501 NotImplemented")
            .build();

    private PassthroughCapabilities() {
    }
}
