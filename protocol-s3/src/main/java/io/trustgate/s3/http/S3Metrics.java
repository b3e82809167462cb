package io.trustgate.s3.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trustgate.s3.route.S3Operation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one S3 listener. Names: {@code trustgate_s3_connections},
 * {@code trustgate_s3_request_duration_seconds{operation,route,backend,status}} (a histogram, from the request
 * headers to the last response byte written), {@code trustgate_s3_errors_total{code}}; all tagged with
 * {@code listener}. Meters are cached by their tag values.
 */
public final class S3Metrics {

    private final MeterRegistry registry;
    private final String listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();

    public S3Metrics(MeterRegistry registry, String listener) {
        this.registry = registry;
        this.listener = listener;
        Gauge.builder("trustgate.s3.connections", connections, AtomicInteger::get)
                .description("Open client connections").tag("listener", listener).register(registry);
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    public int openConnections() {
        return connections.get();
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }

    /** Requests received and not yet fully answered, across the listener's connections. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Records one finished request. */
    void request(S3Operation operation, String route, String backend, int status, long nanos) {
        String key = operation.ordinal() + "\u0000" + route + "\u0000" + backend + "\u0000" + status;
        timers.computeIfAbsent(key, k -> Timer.builder("trustgate.s3.request.duration")
                .description("Time from a request's headers to the end of its response")
                .tag("listener", listener).tag("operation", operation.awsName()).tag("route", route)
                .tag("backend", backend).tag("status", Integer.toString(status))
                .publishPercentileHistogram().register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Counts an error answered to a client, by S3 code. */
    void error(String code) {
        errors.computeIfAbsent(code, c -> Counter.builder("trustgate.s3.errors").tag("listener", listener)
                .tag("code", c).description("S3 errors answered to clients, by code").register(registry)).increment();
    }
}
