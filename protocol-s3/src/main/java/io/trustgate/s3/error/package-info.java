/**
 * S3 errors raised by the server itself ({@link io.trustgate.s3.error.S3Errors}, as
 * {@link io.trustgate.s3.spi.BlobStoreException}) and their XML body ({@link io.trustgate.s3.error.ErrorXml}).
 */
package io.trustgate.s3.error;
