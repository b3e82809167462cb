package io.trustgate.gateway.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM file of one or more X.509 certificates (a CA bundle may have text between the blocks) with the
 * JDK's {@link CertificateFactory}. Anything else (no {@code BEGIN CERTIFICATE} block, a private key in the file,
 * a damaged block) is refused with a message for the config error; a DER file is refused too, because the
 * setting is documented as PEM.
 */
final class PemCertificates {

    /** Larger than any CA bundle (the Mozilla one is about 220 KB); guards against pointing at a big file. */
    static final long MAX_FILE_SIZE = 4L * 1024 * 1024;
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private PemCertificates() {
    }

    /** The file's certificates in order; throws {@link IllegalArgumentException} saying what is wrong. */
    static List<X509Certificate> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file '" + file + "'; expected the path of a PEM file of certificates");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new IllegalArgumentException("'" + file + "' is larger than " + MAX_FILE_SIZE / 1024 / 1024
                        + " MiB; expected a PEM file of certificates");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read '" + file + "' (" + e.getMessage() + ")", e);
        }
        int certificates = 0;
        Matcher m = BLOCK.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            if (!m.group(1).equals("CERTIFICATE")) {
                throw new IllegalArgumentException("'" + file + "' holds a " + m.group(1)
                        + " block; expected only PEM certificates (-----BEGIN CERTIFICATE-----)");
            }
            certificates++;
        }
        if (certificates == 0) {
            throw new IllegalArgumentException("'" + file + "' holds no PEM certificate; expected one or more "
                    + "-----BEGIN CERTIFICATE----- blocks");
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("'" + file + "' has a certificate that does not parse ("
                    + e.getMessage() + "); expected PEM certificates", e);
        }
        if (out.size() != certificates) {
            throw new IllegalArgumentException("'" + file + "' has " + certificates + " certificate blocks but "
                    + out.size() + " parse; expected PEM certificates");
        }
        return out;
    }
}
