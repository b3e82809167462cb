package io.trustgate.s3.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.trustgate.s3.auth.Authentication;
import io.trustgate.s3.auth.CredentialStore;
import io.trustgate.s3.auth.PresignedQueryHeaders;
import io.trustgate.s3.auth.S3AuthException;
import io.trustgate.s3.auth.SigV2Verifier;
import io.trustgate.s3.auth.SigV4Verifier;
import io.trustgate.s3.auth.SignedRequest;
import io.trustgate.s3.route.Addressing;
import io.trustgate.s3.spi.BlobStoreException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one call site of authentication: Signature Version 2 (header or presigned) through {@link SigV2Verifier}
 * when the request claims it, else SigV4 (header or presigned, or anonymous) through {@link SigV4Verifier}. Both
 * look keys up in the same credentials.
 */
final class RequestAuthenticator {

    private final SigV4Verifier verifier;
    private final SigV2Verifier sigV2;
    private final Addressing addressing;

    /** @param addressing where SigV2 finds a virtual-hosted request's bucket, which its string to sign names */
    RequestAuthenticator(Map<String, String> credentials, Clock clock, Addressing addressing) {
        Map<String, String> copy = Map.copyOf(credentials);
        CredentialStore store = id -> Optional.ofNullable(copy.get(id));
        this.verifier = new SigV4Verifier(store, clock);
        this.sigV2 = new SigV2Verifier(store, clock);
        this.addressing = addressing;
    }

    /** Who signed the request ({@link Authentication#anonymous()} when unsigned); S3 errors on a bad signature. */
    Authentication authenticate(HttpRequest request, String rawPath, String rawQuery) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        try {
            SignedRequest signed = new SignedRequest(request.method().name(), rawPath, rawQuery, headers);
            Authentication who = SigV2Verifier.applies(signed)
                    ? sigV2.verify(signed, addressing.bucketFromHost(request.headers().get(HttpHeaderNames.HOST)))
                    : verifier.verify(signed);
            if (who.presigned()) {
                // The signed x-amz-* parameters of the URL (metadata, ACL...) act as the headers they stand for.
                PresignedQueryHeaders.of(signed).forEach(request.headers()::add);
            }
            return who;
        } catch (S3AuthException e) {
            throw new BlobStoreException(e.code(), e.httpStatus(), e.getMessage(), e);
        }
    }
}
