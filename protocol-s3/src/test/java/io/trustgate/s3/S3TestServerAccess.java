package io.trustgate.s3;

import io.trustgate.s3.route.BucketRouter;
import io.trustgate.s3.spi.BlobStore;

import java.util.List;

/** Lets tests in sub-packages start an {@link S3TestServer}. */
public final class S3TestServerAccess implements AutoCloseable {

    private final S3TestServer server;

    public S3TestServerAccess(BlobStore store, S3ListenerSettings settings) throws InterruptedException {
        this(store, settings, false);
    }

    /** With {@code epoll}, on Netty's native epoll transport, as the gateway runs on Linux. */
    public S3TestServerAccess(BlobStore store, S3ListenerSettings settings, boolean epoll)
            throws InterruptedException {
        this.server = new S3TestServer(List.of(new BucketRouter.Route("all", "*", "memory", store)), settings, epoll);
    }

    /** Requests in flight on the listener. */
    public int inFlight() {
        return server.frontend.inFlight();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
