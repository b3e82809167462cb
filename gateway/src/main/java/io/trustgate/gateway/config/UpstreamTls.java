package io.trustgate.gateway.config;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A backend's {@code tls:} block, validated: the certificates an {@code https://} (or TLS) upstream's chain must
 * lead to, read from {@code caFile} at startup. They replace the JVM's default trust for that backend only; the
 * host name is verified either way. Backends without the block trust what the JVM trusts. The shape is shared on
 * purpose: any passthrough backend that dials a TLS upstream takes the same block ({@link UpstreamTlsValidator}).
 *
 * @param caFile       the PEM file the certificates came from (for logs)
 * @param certificates one or more certificates, in file order; never empty
 */
public record UpstreamTls(Path caFile, List<X509Certificate> certificates) {

    public UpstreamTls {
        Objects.requireNonNull(caFile, "caFile");
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
    }

    @Override
    public String toString() {
        return "UpstreamTls[caFile=" + caFile + ", certificates=" + certificates.size() + "]";
    }
}
