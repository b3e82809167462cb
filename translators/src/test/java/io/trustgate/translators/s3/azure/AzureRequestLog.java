package io.trustgate.translators.s3.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pipeline policy for tests: records every Azure request a store sends (method, URL, range, status of the
 * answer) and can run a hook once, right before the next Copy Blob request goes out (to replace the copy's source
 * in the window between the store's last look at it and the copy).
 */
final class AzureRequestLog implements HttpPipelinePolicy {

    /** One request and the status Azure answered it with. */
    record Sent(String method, String url, String range, int status) {

        /** A Get Blob that Azure answered with a body: a download started. */
        boolean startedDownload() {
            return method.equals("GET") && !url.contains("comp=") && !url.contains("restype=")
                    && (status == 200 || status == 206);
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final AtomicReference<Runnable> beforeCopy = new AtomicReference<>();

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        HttpRequest request = context.getHttpRequest();
        Runnable hook = copy(request) ? beforeCopy.getAndSet(null) : null;
        Mono<HttpResponse> before = hook == null ? Mono.empty()
                : Mono.<HttpResponse>fromRunnable(hook).subscribeOn(Schedulers.boundedElastic());
        return before.then(Mono.defer(next::process)).doOnNext(response -> record(request, response));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpRequest request = context.getHttpRequest();
        Runnable hook = copy(request) ? beforeCopy.getAndSet(null) : null;
        if (hook != null) {
            hook.run();
        }
        HttpResponse response = next.processSync();
        record(request, response);
        return response;
    }

    /** Runs {@code hook} once, before the next Copy Blob request is sent. */
    void beforeNextCopy(Runnable hook) {
        beforeCopy.set(hook);
    }

    /** Whether the hook given to {@link #beforeNextCopy} has run. */
    boolean copyHookRan() {
        return beforeCopy.get() == null;
    }

    /** The requests sent for the blob {@code key} of {@code container} since the last clear. */
    synchronized List<Sent> forBlob(String container, String key) {
        String path = "/" + container + "/" + key;
        return sent.stream().filter(s -> URI.create(s.url()).getPath().endsWith(path)).toList();
    }

    synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    synchronized void clear() {
        sent.clear();
    }

    private static boolean copy(HttpRequest request) {
        return request.getHttpMethod().name().equals("PUT") && request.getHeaders().getValue("x-ms-copy-source") != null;
    }

    private synchronized void record(HttpRequest request, HttpResponse response) {
        String range = request.getHeaders().getValue("x-ms-range");
        if (range == null) {
            range = request.getHeaders().getValue("Range");
        }
        sent.add(new Sent(request.getHttpMethod().name(), request.getUrl().toString(), range,
                response.getStatusCode()));
    }
}
