package io.trustgate.s3.http;

import io.trustgate.s3.S3ListenerSettings;
import io.trustgate.s3.operation.Operations;
import io.trustgate.s3.route.Addressing;
import io.trustgate.s3.route.BucketRouter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What every connection of one S3 listener shares: settings, addressing, routes, the operation table, the
 * authenticator and the meters. Immutable and thread-safe.
 */
public final class S3Context {

    final S3ListenerSettings settings;
    final Addressing addressing;
    final BucketRouter router;
    final Operations operations;
    final RequestAuthenticator authenticator;
    final S3Metrics metrics;
    private final List<Pattern> publicRead;

    public S3Context(S3ListenerSettings settings, BucketRouter router, S3Metrics metrics) {
        this.settings = settings;
        this.addressing = new Addressing(settings.virtualHostSuffixes());
        this.router = router;
        this.publicRead = settings.publicReadBuckets().stream().map(S3Context::glob).toList();
        this.operations = new Operations(this::isPublicRead);
        this.authenticator = new RequestAuthenticator(settings.credentials(), settings.clock(), addressing);
        this.metrics = metrics;
    }

    public S3ListenerSettings settings() {
        return settings;
    }

    public BucketRouter router() {
        return router;
    }

    public S3Metrics metrics() {
        return metrics;
    }

    /** True when anonymous clients may read {@code bucket}. */
    boolean isPublicRead(String bucket) {
        for (Pattern p : publicRead) {
            if (p.matcher(bucket).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
