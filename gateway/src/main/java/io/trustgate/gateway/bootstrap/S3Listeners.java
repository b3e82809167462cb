package io.trustgate.gateway.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.trustgate.gateway.config.ListenerConfig;
import io.trustgate.gateway.config.RouteConfig;
import io.trustgate.gateway.config.S3ListenerOptions;
import io.trustgate.s3.S3Frontend;
import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.route.BucketRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the S3 frontend of one S3 listener from its config, routes and the shared blob stores. */
final class S3Listeners {

    private static final Logger log = LoggerFactory.getLogger(S3Listeners.class);

    private S3Listeners() {
    }

    static S3Frontend frontend(ListenerConfig listener, List<RouteConfig> routeConfigs, BlobStores stores,
                               MeterRegistry registry) {
        S3ListenerOptions o = listener.s3();
        if (o.defaultCredentials()) {
            log.warn("S3 listener '{}' accepts the default credentials (access key '{}'): set {} and {} or "
                            + "listeners[].s3.credentials before exposing it", listener.name(),
                    o.credentials().keySet().iterator().next(), S3ListenerOptions.ACCESS_KEY_ENV,
                    S3ListenerOptions.SECRET_KEY_ENV);
        }
        SslContext ssl = null;
        if (o.tls()) {
            try {
                ssl = SslContextBuilder.forServer(o.certificate().toFile(), o.privateKey().toFile()).build();
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalStateException("listener '" + listener.name() + "': cannot load TLS certificate "
                        + o.certificate() + " / key " + o.privateKey() + ": " + e.getMessage(), e);
            }
        }
        S3ListenerSettings settings = new S3ListenerSettings(listener.name(), o.virtualHostSuffixes(),
                o.credentials(), o.publicRead(), ssl, o.maxHeaderSize(), S3ListenerSettings.DEFAULT_MAX_XML_BODY_SIZE,
                Clock.systemUTC(), o.idleTimeout(), o.requestTimeout());
        // Specific bucket matches first, in file order; the default route (no match) last.
        List<BucketRouter.Route> routes = new ArrayList<>();
        List<BucketRouter.Route> fallback = new ArrayList<>();
        for (RouteConfig r : routeConfigs) {
            String pattern = r.match().bucket() == null ? "*" : r.match().bucket();
            BucketRouter.Route route = new BucketRouter.Route(r.isDefault() ? "default" : pattern, pattern,
                    r.backend(), stores.get(r.backend()));
            (r.isDefault() ? fallback : routes).add(route);
        }
        routes.addAll(fallback);
        return new S3Frontend(settings, routes, registry);
    }
}
