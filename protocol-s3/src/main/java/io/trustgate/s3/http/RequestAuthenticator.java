package io.trustgate.s3.http;

import io.netty.handler.codec.http.HttpRequest;
import io.trustgate.s3.auth.Authentication;
import io.trustgate.s3.auth.S3AuthException;
import io.trustgate.s3.auth.SigV4Verifier;
import io.trustgate.s3.auth.SignedRequest;
import io.trustgate.s3.spi.BlobStoreException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The one call site of authentication: SigV4 (header or presigned) through {@link SigV4Verifier}. */
final class RequestAuthenticator {

    private final SigV4Verifier verifier;

    RequestAuthenticator(Map<String, String> credentials, Clock clock) {
        Map<String, String> copy = Map.copyOf(credentials);
        this.verifier = new SigV4Verifier(id -> Optional.ofNullable(copy.get(id)), clock);
    }

    /** Who signed the request ({@link Authentication#anonymous()} when unsigned); S3 errors on a bad signature. */
    Authentication authenticate(HttpRequest request, String rawPath, String rawQuery) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        try {
            return verifier.verify(new SignedRequest(request.method().name(), rawPath, rawQuery, headers));
        } catch (S3AuthException e) {
            throw new BlobStoreException(e.code(), e.httpStatus(), e.getMessage(), e);
        }
    }
}
