package io.trustgate.s3.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A query string decoded into names and values (percent-decoded as UTF-8; {@code +} stays a plus, as S3 clients
 * percent-encode spaces). A name without {@code =} has the value {@code ""}.
 */
public final class QueryParams {

    private final Map<String, List<String>> params;

    private QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    /** Parses {@code rawQuery} (without the {@code ?}); {@code ""} gives an empty set. */
    public static QueryParams parse(String rawQuery) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = PercentCodec.decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : PercentCodec.decode(pair.substring(eq + 1));
                map.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
        }
        return new QueryParams(map);
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        List<String> values = params.get(name);
        return values == null ? null : values.get(0);
    }

    /** The first value, or {@code fallback} when absent. */
    public String first(String name, String fallback) {
        String v = first(name);
        return v == null ? fallback : v;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(params.keySet());
    }
}
