/**
 * Process lifecycle: the picocli entry point ({@link io.trustgate.gateway.bootstrap.Main}), the
 * {@link io.trustgate.gateway.bootstrap.TrustgateServer} that binds listeners and the admin port on one shared
 * event-loop group, the transport choice (epoll, else NIO), and the backend targets built from configuration.
 * Only {@code Main} and {@code TrustgateServer} are public: tests and embedders start a server through them.
 */
package io.trustgate.gateway.bootstrap;
