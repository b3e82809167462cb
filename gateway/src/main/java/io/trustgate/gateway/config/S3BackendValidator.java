package io.trustgate.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Validates a {@code type: s3} (passthrough) backend for {@link BackendValidator}; its {@code tls:} block by
 * {@link UpstreamTlsValidator}.
 */
final class S3BackendValidator {

    private final ConfigValidator owner;

    S3BackendValidator(ConfigValidator owner) {
        this.owner = owner;
    }

    S3BackendConfig validate(ConfigDocument.S3Backend s, String path) {
        URI endpoint = endpoint(s.endpoint(), FieldPath.field(path, "endpoint"));
        String region = s.region() == null ? S3BackendConfig.DEFAULT_REGION : s.region();
        if (!region.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            owner.problem(FieldPath.field(path, "region"), "'" + region
                    + "'; expected a region name such as us-east-1");
            region = S3BackendConfig.DEFAULT_REGION;
        }
        String accessKey = required(s.accessKey(), FieldPath.field(path, "accessKey"),
                "the upstream's access key id");
        String secretKey = required(s.secretKey(), FieldPath.field(path, "secretKey"),
                "the upstream's secret key (or set it through the environment)");
        Duration connect = positive(s.connectTimeout(), FieldPath.field(path, "connectTimeout"),
                S3BackendConfig.DEFAULT_CONNECT_TIMEOUT);
        Duration request = positive(s.requestTimeout(), FieldPath.field(path, "requestTimeout"),
                S3BackendConfig.DEFAULT_REQUEST_TIMEOUT);
        int max = s.maxConnections() == null ? S3BackendConfig.DEFAULT_MAX_CONNECTIONS : s.maxConnections();
        if (max < 1 || max > ConfigValidator.MAX_CONNECTIONS) {
            owner.problem(FieldPath.field(path, "maxConnections"), "out of range: " + max + "; expected 1.."
                    + ConfigValidator.MAX_CONNECTIONS);
            max = S3BackendConfig.DEFAULT_MAX_CONNECTIONS;
        }
        UpstreamTls tls = new UpstreamTlsValidator(owner).validate(s.tls(), FieldPath.field(path, "tls"),
                s.endpoint() != null && s.endpoint().trim().regionMatches(true, 0, "https://", 0, 8), s.endpoint());
        return new S3BackendConfig(s.name() == null ? "invalid" : s.name(), endpoint, region, accessKey, secretKey,
                s.pathStyle() == null || s.pathStyle(), connect, request, max, tls);
    }

    private URI endpoint(String text, String path) {
        URI fallback = URI.create("http://invalid");
        if (text == null || text.isBlank()) {
            owner.problem(path, "missing; expected the upstream's URL such as http://127.0.0.1:9100");
            return fallback;
        }
        try {
            URI uri = new URI(text.trim());
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!web || uri.getHost() == null || !bare || uri.getRawQuery() != null || uri.getUserInfo() != null) {
                owner.problem(path, "'" + text + "'; expected http:// or https:// with a host, an optional port "
                        + "and no path, query or user info, such as http://127.0.0.1:9100");
                return fallback;
            }
            return uri.getRawPath() != null && uri.getRawPath().equals("/")
                    ? new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null) : uri;
        } catch (URISyntaxException e) {
            owner.problem(path, "'" + text + "' is not a URL (" + e.getReason()
                    + "); expected such as http://127.0.0.1:9100");
            return fallback;
        }
    }

    private String required(String value, String path, String what) {
        if (value == null || value.isEmpty()) {
            owner.problem(path, "missing; expected " + what);
            return "";
        }
        return value;
    }

    private Duration positive(String text, String path, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        Duration d = owner.duration(text, path, fallback);
        if (d.isZero() || d.isNegative()) {
            owner.problem(path, "zero; expected a positive duration such as 5s");
            return fallback;
        }
        return d;
    }
}
