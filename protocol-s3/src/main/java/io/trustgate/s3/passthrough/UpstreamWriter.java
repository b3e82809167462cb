package io.trustgate.s3.passthrough;

import io.netty.buffer.ByteBuf;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * A PutObject or UploadPart in flight upstream: writes feed its {@link StreamedBody}; commit ends the body and
 * waits for the upstream answer; abort fails the body so that the upstream request is cut short and nothing is
 * stored (S3 stores an object only after its whole declared body arrived).
 *
 * @param <T> the SDK response
 * @param <R> what commit yields to the server
 */
final class UpstreamWriter<T, R> implements BlobWriter<R> {

    private final StreamedBody body;
    private final CompletableFuture<T> response;
    private final BiFunction<T, BodyDigest, R> result;
    private final BackendErrors errors;

    UpstreamWriter(StreamedBody body, CompletableFuture<T> response, BiFunction<T, BodyDigest, R> result,
                   BackendErrors errors) {
        this.body = body;
        this.response = response;
        this.result = result;
        this.errors = errors;
        // An upstream answer before the body ended (an error such as NoSuchBucket) fails the pending write.
        response.whenComplete((r, e) -> {
            if (e != null) {
                body.abort(errors.map(e));
            }
        });
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        return body.write(chunk).exceptionallyCompose(e -> CompletableFuture.failedFuture(mapped(e)));
    }

    @Override
    public CompletionStage<R> commit(BodyDigest digest) {
        body.finish();
        return response.handle((r, e) -> {
            if (e != null) {
                throw mapped(e);
            }
            return result.apply(r, digest);
        });
    }

    @Override
    public void abort() {
        body.abort(new IOException("the client's upload ended early; the upstream request is abandoned"));
        response.cancel(true);
    }

    private RuntimeException mapped(Throwable e) {
        // Prefer the upstream's own answer when it already came.
        if (response.isCompletedExceptionally()) {
            try {
                response.join();
            } catch (RuntimeException upstream) {
                return errors.map(upstream);
            }
        }
        return errors.map(e);
    }
}
