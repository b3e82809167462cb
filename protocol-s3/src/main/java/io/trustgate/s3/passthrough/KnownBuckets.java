package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.BlobStoreException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The upstream buckets seen to exist lately, for the check before an upload's {@code 100 Continue}
 * ({@link S3PassthroughStore#checkBeforeContinue}). An upstream such as S3Proxy says {@code 100 Continue} before
 * it looks at the bucket, so a missing bucket shows only after the client sent its whole body; a HeadBucket
 * upstream tells it first. A bucket that answered is remembered for {@link #FRESH_NANOS}, so the check costs one
 * HeadBucket per bucket and period, not one per upload. Only a definite {@code NoSuchBucket} stops an upload: any
 * other answer (no permission for HeadBucket, a redirect, a failure) lets it go on and get its own answer. A bucket
 * deleted upstream within the period is found as before the check: after the body. Thread-safe.
 */
final class KnownBuckets {

    /** How long a bucket that answered HeadBucket is taken to exist. */
    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** At most this many buckets are remembered; past it the memory starts over. */
    static final int MAX = 10_000;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
    private final Function<String, CompletionStage<?>> headBucket;

    /** @param headBucket HeadBucket upstream: completes when the bucket exists, fails with the upstream's error */
    KnownBuckets(Function<String, CompletionStage<?>> headBucket) {
        this.headBucket = headBucket;
    }

    /** Completes at once for a bucket seen lately, else after a HeadBucket; fails only with NoSuchBucket. */
    CompletionStage<Void> check(String bucket) {
        long now = System.nanoTime();
        Long at = seen.get(bucket);
        if (at != null && now - at < FRESH_NANOS) {
            return DONE;
        }
        CompletionStage<?> head;
        try {
            head = headBucket.apply(bucket);
        } catch (RuntimeException e) {
            return DONE;
        }
        return head.handle((ok, error) -> {
            if (error == null) {
                if (seen.size() >= MAX) {
                    seen.clear();
                }
                seen.put(bucket, now);
                return null;
            }
            BlobStoreException e = BlobStoreException.from(error);
            if ("NoSuchBucket".equals(e.code())) {
                seen.remove(bucket);
                throw e;
            }
            return null;
        });
    }

    /** The bucket is gone (deleted through this store): the next upload checks again. */
    void forget(String bucket) {
        seen.remove(bucket);
    }
}
