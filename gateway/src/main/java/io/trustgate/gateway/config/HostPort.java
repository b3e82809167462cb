package io.trustgate.gateway.config;

import java.util.Objects;

/** A host (name, IPv4 or bare IPv6 literal) and a TCP port; written {@code host:port} or {@code [v6]:port}. */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
