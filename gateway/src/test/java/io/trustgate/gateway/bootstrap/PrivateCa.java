package io.trustgate.gateway.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private CA and a server certificate it signed, made by the openssl CLI in a test's directory: {@code ca.pem}
 * (the CA certificate, what a backend's {@code tls.caFile} names) and {@code server.p12} (the server's key and
 * certificate chain for {@code 127.0.0.1} / {@code localhost}, PKCS#12 with password {@link #PASSWORD}, what
 * S3Proxy's secure endpoint loads).
 */
record PrivateCa(Path caPem, Path serverKeystore) {

    static final String PASSWORD = "trustgate-ca-test";

    static PrivateCa create(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path caKey = dir.resolve("ca.key");
        Path caPem = dir.resolve("ca.pem");
        Path serverKey = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path serverPem = dir.resolve("server.pem");
        Path ext = dir.resolve("server.ext");
        Path p12 = dir.resolve("server.p12");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=trustgate test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", caKey.toString(), "-out", caPem.toString());
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", serverKey.toString(),
                "-out", csr.toString());
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                + "extendedKeyUsage=serverAuth\n");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caPem.toString(), "-CAkey", caKey.toString(),
                "-set_serial", "2", "-days", "2", "-extfile", ext.toString(), "-out", serverPem.toString());
        openssl("pkcs12", "-export", "-in", serverPem.toString(), "-inkey", serverKey.toString(), "-certfile",
                caPem.toString(), "-name", "s3proxy", "-out", p12.toString(), "-passout", "pass:" + PASSWORD);
        return new PrivateCa(caPem, p12);
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("openssl " + String.join(" ", args) + ": " + output).isZero();
    }
}
