/**
 * {@code trustgate capabilities} and {@code docs/compatibility.md}: the command x backend matrix, rendered as text
 * or Markdown from the capability declarations of {@code protocol-redis} ({@code BackendProfile}) and of the S3
 * backends ({@code BlobCapabilities}, read through {@code protocol-s3}'s {@code OperationSupport}), never written
 * by hand. Only {@link io.trustgate.gateway.capabilities.CapabilitiesCommand} is public, because
 * {@code bootstrap.Main} registers it as a subcommand; the matrix and its writer are package-private. Nothing
 * outside the CLI should depend on this package.
 */
package io.trustgate.gateway.capabilities;
