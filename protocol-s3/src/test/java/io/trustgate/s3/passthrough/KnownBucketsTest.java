package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.BlobStoreException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class KnownBucketsTest {

    private final List<String> asked = new ArrayList<>();

    private KnownBuckets answering(BlobStoreException error) {
        return new KnownBuckets(bucket -> {
            asked.add(bucket);
            return error == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(error);
        });
    }

    private static Throwable failure(CompletionStage<Void> stage) {
        return stage.toCompletableFuture().handle((v, e) -> e).join();
    }

    @Test
    void aBucketThatAnsweredIsNotAskedForAgain() {
        KnownBuckets known = answering(null);
        assertThat(failure(known.check("b"))).isNull();
        assertThat(failure(known.check("b"))).isNull();
        assertThat(asked).containsExactly("b");
    }

    @Test
    void aMissingBucketFailsWithNoSuchBucketEachTime() {
        KnownBuckets known = answering(BlobStoreException.noSuchBucket("gone"));
        for (int i = 0; i < 2; i++) {
            assertThat(BlobStoreException.from(failure(known.check("gone"))).code()).isEqualTo("NoSuchBucket");
        }
        assertThat(asked).containsExactly("gone", "gone");
    }

    @Test
    void anyOtherAnswerLetsTheUploadGoOnAndIsNotRemembered() {
        KnownBuckets known = answering(new BlobStoreException("AccessDenied", 403, "Access Denied"));
        assertThat(failure(known.check("b"))).isNull();
        assertThat(failure(known.check("b"))).isNull();
        assertThat(asked).containsExactly("b", "b");
    }

    @Test
    void aForgottenBucketIsAskedForAgain() {
        KnownBuckets known = answering(null);
        known.check("b").toCompletableFuture().join();
        known.forget("b");
        known.check("b").toCompletableFuture().join();
        assertThat(asked).containsExactly("b", "b");
    }
}
