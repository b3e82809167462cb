package io.trustgate.s3.operation;

import io.trustgate.s3.route.BucketRouter;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BucketInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ListBuckets over every backend of a listener: each store is asked, each keeps only the buckets the router sends
 * to it, and the union is sorted by name. All or nothing: when a backend does not answer the whole call is
 * {@code 503 ServiceUnavailable} naming that backend, never a partial list. A client cannot tell a partial list
 * from deleted buckets, and tools that reconcile (mirror, sync with delete, infrastructure tools) would act on
 * the missing ones; S3 itself never answers ListBuckets partially, and SDKs retry 503. The failure is logged once,
 * with the rest of the request errors, by the HTTP exchange.
 */
final class BucketListing {

    private BucketListing() {
    }

    static CompletionStage<List<BucketInfo>> all(BucketRouter router) {
        List<CompletableFuture<List<BucketInfo>>> all = new ArrayList<>();
        for (BlobStore store : router.stores()) {
            String name = backendName(router, store);
            all.add(store.listBuckets().handle((list, error) -> {
                if (error != null) {
                    BlobStoreException cause = BlobStoreException.from(error);
                    throw new BlobStoreException("ServiceUnavailable", 503, "ListBuckets needs every backend of "
                            + "this listener, and backend '" + name + "' (" + store.kind() + ") did not answer: "
                            + cause.getMessage(), cause);
                }
                return list.stream().filter(b -> {
                    BucketRouter.Route r = router.route(b.name());
                    return r != null && r.store() == store;
                }).toList();
            }).toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().flatMap(f -> f.join().stream())
                        .sorted(Comparator.comparing(BucketInfo::name)).toList());
    }

    private static String backendName(BucketRouter router, BlobStore store) {
        for (BucketRouter.Route r : router.routes()) {
            if (r.store() == store) {
                return r.backendName();
            }
        }
        return store.kind();
    }
}
