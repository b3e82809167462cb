package io.trustgate.s3.auth;

import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Signs requests with the real AWS SDK v2 signer and turns them into what the server would see on the wire. */
final class SdkSigning {

    static final String ACCESS_KEY = "AKIDTRUSTGATETEST";
    static final String SECRET_KEY = "trustgate/test+secret";
    static final String REGION = "us-east-1";
    static final Instant SIGNED_AT = Instant.parse("2026-11-29T06:30:00Z");
    static final CredentialStore CREDENTIALS =
            id -> ACCESS_KEY.equals(id) ? Optional.of(SECRET_KEY) : Optional.empty();

    private SdkSigning() {
    }

    /** A request as received: the SignedRequest, the body bytes exactly as sent. */
    record Wire(SignedRequest request, byte[] body) {
        String header(String name) {
            return request.header(name);
        }

        Wire withRequest(SignedRequest other) {
            return new Wire(other, body);
        }

        Wire withBody(byte[] other) {
            return new Wire(request, other);
        }

        Wire withHeader(String name, String value) {
            Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
            headers.put(name, List.of(value));
            return withRequest(new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers));
        }
    }

    /** Options for one signing. */
    static final class Options {
        boolean presign;
        Duration expires = Duration.ofMinutes(15);
        boolean payloadSigning = true;
        boolean chunked;
        ChecksumAlgorithm checksum;
        Instant signedAt = SIGNED_AT;
    }

    static SigV4Verifier verifier(Instant now) {
        return new SigV4Verifier(CREDENTIALS, Clock.fixed(now, ZoneOffset.UTC));
    }

    static SigV4Verifier verifier() {
        return verifier(SIGNED_AT.plusSeconds(5));
    }

    static SdkHttpRequest.Builder request(SdkHttpMethod method, String uri) {
        return SdkHttpRequest.builder().method(method).uri(URI.create(uri));
    }

    static Wire sign(SdkHttpRequest request, byte[] payload, Options options) {
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                    .request(request)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, options.payloadSigning)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, options.chunked)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(options.signedAt, ZoneOffset.UTC));
            if (payload != null) {
                r.payload(ContentStreamProvider.fromByteArray(payload));
            }
            if (options.checksum != null) {
                r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, options.checksum);
            }
            if (options.presign) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, options.expires);
            }
        });
        SdkHttpRequest out = signed.request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        out.forEachHeader((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        if (!headers.containsKey("host")) {
            boolean defaultPort = out.port() == 80 && "http".equals(out.protocol())
                    || out.port() == 443 && "https".equals(out.protocol());
            headers.put("host", List.of(defaultPort ? out.host() : out.host() + ":" + out.port()));
        }
        byte[] body = signed.payload().map(SdkSigning::readAll).orElse(new byte[0]);
        return new Wire(new SignedRequest(out.method().name(), out.encodedPath(),
                out.encodedQueryParameters().orElse(""), headers), body);
    }

    private static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
