/**
 * The S3 passthrough backend: a {@link io.trustgate.s3.spi.BlobStore} that forwards every operation to another
 * S3-compatible endpoint (AWS S3, MinIO, S3Proxy, Ceph RGW...), re-signed with the backend's own credentials.
 *
 * <p>Public: {@link io.trustgate.s3.passthrough.S3PassthroughStore} and its settings record, for the gateway's
 * wiring. Everything else is package-private. GetObject (with the client's range and read conditions), HeadObject,
 * PutObject and UploadPart to http and https endpoints run on the client connection's event loop with Netty's HTTP
 * client ({@code LoopObjects}: pooled connections per event loop, TLS by Netty's {@code SslHandler}, trustgate's
 * own SigV4 signer; a PutObject whose checksum came in an aws-chunked trailer goes on aws-chunked with that checksum
 * in an unsigned trailer, {@code AwsChunkedFraming}); every other call goes through the AWS SDK v2 async S3 client
 * on its Netty HTTP client. Both paths trust the same roots for an {@code https://} endpoint ({@code UpstreamTrust}: the
 * settings' certificates, else the JVM's default trust) and verify the host name. Bodies stream in both directions with backpressure
 * through {@link io.trustgate.s3.spi.BlobReader} / {@link io.trustgate.s3.spi.BlobWriter}, except an upload of
 * unknown length, which is spooled to a temporary file and sent with its length once verified
 * ({@code SpooledUpload}), and upstream S3 errors
 * are handed to the client with their own code, message and status.
 */
package io.trustgate.s3.passthrough;
