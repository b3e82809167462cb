package io.trustgate.gateway.config;

import java.nio.file.Path;

/**
 * Validates a backend's {@code tls:} block ({@code caFile}) into an {@link UpstreamTls}, for any passthrough
 * backend whose upstream speaks TLS. The file is read here, at startup, so a missing or unreadable file, a file
 * that is not PEM or one without a certificate is a config error naming {@code <backend>.tls.caFile}.
 */
final class UpstreamTlsValidator {

    private final ConfigValidator owner;

    UpstreamTlsValidator(ConfigValidator owner) {
        this.owner = owner;
    }

    /**
     * @param raw      the bound block, or null (the JVM's default trust)
     * @param path     the block's field path, e.g. {@code backends[2].tls}
     * @param usesTls  whether the backend's upstream is reached over TLS (an {@code https://} endpoint)
     * @param endpoint the upstream as configured, for the message when it is not TLS
     * @return the trust, or null when there is no block or it has a problem (reported)
     */
    UpstreamTls validate(ConfigDocument.BackendTls raw, String path, boolean usesTls, String endpoint) {
        if (raw == null) {
            return null;
        }
        String field = FieldPath.field(path, "caFile");
        if (raw.caFile() == null || raw.caFile().isBlank()) {
            owner.problem(field, "missing; expected the path of a PEM file with the CA certificate(s) the "
                    + "upstream's certificate must chain to");
            return null;
        }
        if (!usesTls) {
            owner.problem(path, "set, but the endpoint " + endpoint + " is not TLS; expected an https:// endpoint "
                    + "or no tls block");
            return null;
        }
        Path file = Path.of(raw.caFile());
        try {
            return new UpstreamTls(file, PemCertificates.read(file));
        } catch (IllegalArgumentException e) {
            owner.problem(field, e.getMessage());
            return null;
        }
    }
}
