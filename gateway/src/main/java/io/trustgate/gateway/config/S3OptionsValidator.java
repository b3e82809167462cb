package io.trustgate.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code s3:} section of an S3 listener, for {@link ConfigValidator}: host suffixes, TLS files, credentials
 * (falling back to {@code TRUSTGATE_S3_ACCESS_KEY} / {@code TRUSTGATE_S3_SECRET_KEY}, then to the built-in
 * pair), public-read buckets, the header limit and the idle / request-body timeouts. Problems go to the owning validator.
 */
final class S3OptionsValidator {

    private static final Pattern HOST_SUFFIX = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern BUCKET_GLOB = Pattern.compile("[a-z0-9.*?-]{1,63}");

    private final ConfigValidator owner;
    private final Map<String, String> env;

    S3OptionsValidator(ConfigValidator owner, Map<String, String> env) {
        this.owner = owner;
        this.env = env;
    }

    S3ListenerOptions validate(ConfigDocument.S3Options raw, String path) {
        ConfigDocument.S3Options o = raw == null ? new ConfigDocument.S3Options(null, null, null, null, null, null, null) : raw;
        List<String> suffixes = new ArrayList<>();
        if (o.virtualHostSuffixes() != null) {
            for (int i = 0; i < o.virtualHostSuffixes().size(); i++) {
                String s = o.virtualHostSuffixes().get(i);
                String p = FieldPath.item(FieldPath.field(path, "virtualHostSuffixes"), i);
                if (s == null || !HOST_SUFFIX.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
                    owner.problem(p, "'" + s + "'; expected a host name suffix such as s3.localhost");
                } else {
                    suffixes.add(s.toLowerCase(Locale.ROOT));
                }
            }
        }
        Path certificate = null;
        Path privateKey = null;
        if (o.tls() != null) {
            String tlsPath = FieldPath.field(path, "tls");
            certificate = file(o.tls().certificate(), FieldPath.field(tlsPath, "certificate"), "a PEM certificate chain");
            privateKey = file(o.tls().privateKey(), FieldPath.field(tlsPath, "privateKey"), "a PEM (PKCS#8) private key");
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        boolean defaults = false;
        if (o.credentials() == null) {
            String access = env.get(S3ListenerOptions.ACCESS_KEY_ENV);
            String secret = env.get(S3ListenerOptions.SECRET_KEY_ENV);
            if ((access == null) != (secret == null)) {
                owner.problem(FieldPath.field(path, "credentials"), "only one of " + S3ListenerOptions.ACCESS_KEY_ENV
                        + " and " + S3ListenerOptions.SECRET_KEY_ENV + " is set; expected both or neither");
            }
            if (access != null && secret != null && !access.isEmpty() && !secret.isEmpty()) {
                credentials.put(access, secret);
            } else {
                credentials.put(S3ListenerOptions.DEFAULT_ACCESS_KEY, S3ListenerOptions.DEFAULT_SECRET_KEY);
                defaults = true;
            }
        } else {
            String cPath = FieldPath.field(path, "credentials");
            List<ConfigDocument.S3Credential> list = owner.required(o.credentials(), cPath,
                    "a list of accessKey/secretKey pairs");
            for (int i = 0; i < list.size(); i++) {
                ConfigDocument.S3Credential c = list.get(i);
                String p = FieldPath.item(cPath, i);
                if (c == null || c.accessKey() == null || c.accessKey().isEmpty()) {
                    owner.problem(FieldPath.field(p, "accessKey"), "missing; expected an access key id");
                    continue;
                }
                if (c.secretKey() == null || c.secretKey().isEmpty()) {
                    owner.problem(FieldPath.field(p, "secretKey"), "missing; expected the secret key of '"
                            + c.accessKey() + "'");
                    continue;
                }
                if (credentials.putIfAbsent(c.accessKey(), c.secretKey()) != null) {
                    owner.problem(FieldPath.field(p, "accessKey"), "duplicate access key '" + c.accessKey()
                            + "'; expected each access key once");
                }
            }
        }
        List<String> publicRead = new ArrayList<>();
        if (o.publicRead() != null) {
            for (int i = 0; i < o.publicRead().size(); i++) {
                String b = o.publicRead().get(i);
                if (b == null || !BUCKET_GLOB.matcher(b).matches()) {
                    owner.problem(FieldPath.item(FieldPath.field(path, "publicRead"), i), "'" + b
                            + "'; expected a bucket name or a glob such as public-*");
                } else {
                    publicRead.add(b);
                }
            }
        }
        int maxHeader = S3ListenerOptions.DEFAULT_MAX_HEADER_SIZE;
        if (o.maxHeaderSize() != null) {
            String p = FieldPath.field(path, "maxHeaderSize");
            try {
                long v = Units.parseSize(o.maxHeaderSize());
                if (v < 1024 || v > 1024 * 1024) {
                    owner.problem(p, "out of range: " + o.maxHeaderSize() + "; expected 1kb to 1mb");
                } else {
                    maxHeader = (int) v;
                }
            } catch (IllegalArgumentException e) {
                owner.problem(p, e.getMessage());
            }
        }
        Duration idle = timeout(o.idleTimeout(), FieldPath.field(path, "idleTimeout"),
                S3ListenerOptions.DEFAULT_IDLE_TIMEOUT);
        Duration request = timeout(o.requestTimeout(), FieldPath.field(path, "requestTimeout"),
                S3ListenerOptions.DEFAULT_REQUEST_TIMEOUT);
        return new S3ListenerOptions(suffixes, certificate, privateKey, credentials, defaults, publicRead, maxHeader,
                idle, request);
    }

    /** A duration from 0 (off) to 24h; {@code fallback} when absent. */
    private Duration timeout(String value, String path, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Units.parseDuration(value);
            if (d.compareTo(Duration.ofHours(24)) > 0) {
                owner.problem(path, "out of range: " + value + "; expected 0 (never) to 24h");
                return fallback;
            }
            return d;
        } catch (IllegalArgumentException e) {
            owner.problem(path, e.getMessage());
            return fallback;
        }
    }

    private Path file(String value, String path, String expected) {
        if (value == null || value.isBlank()) {
            owner.problem(path, "missing; expected the path of " + expected);
            return null;
        }
        Path p = Path.of(value);
        if (!Files.isReadable(p)) {
            owner.problem(path, "cannot read '" + value + "'; expected the path of " + expected);
        }
        return p;
    }

    /** Checks a route's bucket pattern. */
    void bucketPattern(String pattern, String path) {
        if (pattern.isEmpty() || !BUCKET_GLOB.matcher(pattern).matches()) {
            owner.problem(path, "'" + pattern + "'; expected a bucket name or a glob such as logs-*");
        }
    }
}
