/**
 * AWS Signature Version 4 and 2 verification for the S3 front end, as a pure library (no Netty handlers, no I/O):
 * {@link io.trustgate.s3.auth.SigV4Verifier} checks the Authorization header or a presigned query string and says
 * how the body is protected ({@link io.trustgate.s3.auth.PayloadMode}); {@link io.trustgate.s3.auth.SigV2Verifier}
 * does the same for the legacy HMAC-SHA1 header ({@code AWS key:signature}) and presigned
 * ({@code AWSAccessKeyId/Signature/Expires}) forms, whose body is never signed; {@link io.trustgate.s3.auth.AwsChunkedDecoder}
 * decodes {@code aws-chunked} bodies incrementally, checking chunk and trailer signatures;
 * {@link io.trustgate.s3.auth.PayloadHashVerifier} checks a hex {@code x-amz-content-sha256}. Every failure is an
 * {@link io.trustgate.s3.auth.S3AuthException} carrying the S3 error code and HTTP status;
 * {@link io.trustgate.s3.auth.SigV4Signer} signs the passthrough's upstream requests with the same code. Public
 * because the S3 HTTP layer calls it (and formats its {@code Date} header with the signer's once-a-second
 * {@link io.trustgate.s3.auth.PerSecond}); it depends on nothing in the module but {@code io.trustgate.s3.checksum}.
 */
package io.trustgate.s3.auth;
