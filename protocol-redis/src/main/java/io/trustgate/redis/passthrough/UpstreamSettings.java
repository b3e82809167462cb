package io.trustgate.redis.passthrough;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;

import java.time.Duration;

/**
 * How to reach one Redis backend (a standalone server, or every node of a cluster).
 *
 * @param backendName        configured name, used in errors and metrics
 * @param username           ACL user, or null for the default user
 * @param password           password, or null when the backend has none
 * @param connectTimeout     how long a connect may take before commands fail as unavailable
 * @param commandTimeout     how long a reply may take before the connection is dropped; zero for none
 *                           (blocking commands are exempt)
 * @param connectionsPerLoop shared, pipelined connections per event loop
 * @param channelType        socket channel class matching the event loop group (epoll or NIO)
 * @param registry           where backend meters go
 */
public record UpstreamSettings(String backendName, String username, String password, Duration connectTimeout,
                               Duration commandTimeout, int connectionsPerLoop,
                               Class<? extends Channel> channelType, MeterRegistry registry) {

    public UpstreamSettings {
        if (connectionsPerLoop < 1) {
            throw new IllegalArgumentException("connectionsPerLoop must be at least 1");
        }
    }

    /** The error every command gets while the backend cannot be reached. */
    String unavailable() {
        return "ERR backend '" + backendName + "' unavailable";
    }
}
