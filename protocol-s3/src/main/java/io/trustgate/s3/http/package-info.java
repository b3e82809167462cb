/**
 * Netty HTTP/1.1 glue: {@link io.trustgate.s3.http.S3ServerHandler} (one exchange at a time, auto-read off for
 * backpressure), the exchange that implements {@link io.trustgate.s3.operation.Exchange}, body decoding and
 * verification (aws-chunked, SHA-256, Content-MD5, checksums), object streaming (zero-copy when possible) and the
 * listener's meters. Public: the handler, {@link io.trustgate.s3.http.S3Context} and
 * {@link io.trustgate.s3.http.S3Metrics}, for the frontend.
 */
package io.trustgate.s3.http;
