package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyCacheTest {

    @Test
    void reusesTheKeyOfTheSameScopeAndDerivesOthers() {
        SigningKeyCache cache = new SigningKeyCache(16);
        byte[] key = cache.signingKey("secret", "20261129", "us-east-1", "s3");

        assertThat(cache.signingKey("secret", "20261129", "us-east-1", "s3")).isSameAs(key);
        assertThat(key).isEqualTo(SigV4Crypto.deriveSigningKey("secret", "20261129", "us-east-1", "s3"));
        assertThat(cache.signingKey("secret", "20261130", "us-east-1", "s3")).isNotEqualTo(key);
        assertThat(cache.signingKey("secret", "20261129", "eu-west-1", "s3")).isNotEqualTo(key);
        assertThat(cache.signingKey("other", "20261129", "us-east-1", "s3")).isNotEqualTo(key);
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void theLastKeyServesAnEqualScopeOnlyWhateverTheStringInstances() {
        SigningKeyCache cache = new SigningKeyCache(16);
        byte[] a = cache.signingKey("secret", "20261129", "us-east-1", "s3");
        // Equal texts in other instances hit the last key; any differing part derives (or finds) another.
        assertThat(cache.signingKey(new String("secret"), new String("20261129"), new String("us-east-1"),
                new String("s3"))).isSameAs(a);
        byte[] b = cache.signingKey("secret", "20261129", "us-east-1", "sts");
        assertThat(b).isEqualTo(SigV4Crypto.deriveSigningKey("secret", "20261129", "us-east-1", "sts"))
                .isNotEqualTo(a);
        assertThat(cache.signingKey("secret", "20261129", "us-east-1", "s3")).isSameAs(a);
        assertThat(cache.signingKey("secreT", "20261129", "us-east-1", "s3"))
                .isEqualTo(SigV4Crypto.deriveSigningKey("secreT", "20261129", "us-east-1", "s3")).isNotEqualTo(a);
    }

    @Test
    void staysWithinItsBound() {
        SigningKeyCache cache = new SigningKeyCache(8);
        for (int i = 0; i < 100; i++) {
            cache.signingKey("secret-" + i, "20261129", "us-east-1", "s3");
            assertThat(cache.size()).isLessThanOrEqualTo(8);
        }
    }
}
