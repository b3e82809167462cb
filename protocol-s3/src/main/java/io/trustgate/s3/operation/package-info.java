/**
 * What each S3 operation means: one class per family (buckets, listing, objects, copy, multipart) working on an
 * {@link io.trustgate.s3.operation.Exchange} and a {@link io.trustgate.s3.spi.BlobStore}; the table is
 * {@link io.trustgate.s3.operation.Operations}. No channel handling here: the {@code http} package implements
 * {@code Exchange}. Public: {@code Operations}, {@code Exchange}, {@code S3Request}, {@code OperationHandler}, and
 * {@code OperationSupport} (what a backend's capability declaration makes of each operation, which the gateway's
 * {@code trustgate capabilities} prints).
 */
package io.trustgate.s3.operation;
