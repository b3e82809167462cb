/**
 * Passthrough to real Redis servers: connections that forward the client's bytes and hand back the server's
 * (no re-encoding), per-event-loop pools of shared pipelined connections, pinned and relay connections for
 * clients with connection state, and the standalone and cluster route targets built on them.
 *
 * <p>Public: the targets and {@link io.trustgate.redis.passthrough.UpstreamSettings}, which the gateway builds
 * from configuration, and each target's static {@code declaration()}, its capability declaration (kept in
 * {@code PassthroughProfiles}, computed from the routing predicates it describes). Everything else is
 * package-private.
 */
package io.trustgate.redis.passthrough;
