/**
 * S3 onto Azure Blob Storage through {@code azure-storage-blob}: buckets are containers, objects are block blobs,
 * multipart parts are staged (uncommitted) blocks committed in part order. {@link
 * io.trustgate.translators.s3.azure.AzureBlobStore} and {@link io.trustgate.translators.s3.azure.AzureStoreConfig}
 * are public for the gateway's wiring; everything else is package-private. The blocking SDK runs on the store's own
 * bounded executor, never on an event loop. docs/s3-azure.md describes the mapping.
 */
package io.trustgate.translators.s3.azure;
