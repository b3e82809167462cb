package io.trustgate.compat.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the headers of every request the SDK put on the wire, so a test can show which upload mode it used. */
final class SentHeaders implements ExecutionInterceptor {

    private final List<Map<String, List<String>>> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(context.httpRequest().headers());
    }

    /** The first value of {@code name} (case-insensitive) in the last request sent, or null. */
    String last(String name) {
        if (sent.isEmpty()) {
            return null;
        }
        return sent.get(sent.size() - 1).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
}
