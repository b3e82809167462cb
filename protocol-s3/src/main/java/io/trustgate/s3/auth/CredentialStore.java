package io.trustgate.s3.auth;

import java.util.Optional;

/** Looks up the secret key of an access key id. Called on the request path: must not block. */
@FunctionalInterface
public interface CredentialStore {

    Optional<String> secretKey(String accessKeyId);
}
