/**
 * The S3 REST front end. {@link io.trustgate.s3.S3Frontend} is the entry point the gateway uses, with
 * {@link io.trustgate.s3.S3ListenerSettings}; backends implement {@link io.trustgate.s3.spi}. Sub-packages:
 * {@code route} (addressing, classification, bucket routes), {@code operation} (what each S3 call means),
 * {@code http} (Netty glue), {@code xml}, {@code error}, {@code auth} and {@code checksum} (SigV4, aws-chunked,
 * checksums). This module never imports another protocol module.
 */
package io.trustgate.s3;
