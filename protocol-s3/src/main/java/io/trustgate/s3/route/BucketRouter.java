package io.trustgate.s3.route;

import io.trustgate.s3.spi.BlobStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps bucket names to backends: the first route whose pattern matches wins. A pattern is an exact name or a glob
 * with {@code *} (any run of characters) and {@code ?} (one character).
 */
public final class BucketRouter {

    /** One route: a bucket pattern, its name and backend name for metrics, and the store. */
    public record Route(String name, String pattern, String backendName, BlobStore store) {
    }

    private final List<Route> routes;
    private final List<Pattern> patterns;

    public BucketRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.patterns = new ArrayList<>();
        for (Route r : routes) {
            patterns.add(globToRegex(r.pattern()));
        }
    }

    /** The route for {@code bucket}, or null when none matches. */
    public Route route(String bucket) {
        for (int i = 0; i < routes.size(); i++) {
            if (patterns.get(i).matcher(bucket).matches()) {
                return routes.get(i);
            }
        }
        return null;
    }

    public List<Route> routes() {
        return routes;
    }

    /** Each distinct store once, in route order (ListBuckets asks them all). */
    public List<BlobStore> stores() {
        Set<BlobStore> set = new LinkedHashSet<>();
        routes.forEach(r -> set.add(r.store()));
        return new ArrayList<>(set);
    }

    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
