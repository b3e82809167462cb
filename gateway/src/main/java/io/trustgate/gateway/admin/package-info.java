/**
 * The admin HTTP endpoint: {@code GET /health} (liveness), {@code GET /ready} (readiness from a supplier) and
 * {@code GET /metrics} (Prometheus text). Built on Netty's HTTP codec, sharing the gateway's event-loop group.
 *
 * <p>Public: {@link io.trustgate.gateway.admin.AdminServer} only, for the bootstrap to start and stop. The request
 * handler is package-private. This package knows nothing about protocols or configuration files; nothing but
 * {@code bootstrap} should depend on it.
 */
package io.trustgate.gateway.admin;
