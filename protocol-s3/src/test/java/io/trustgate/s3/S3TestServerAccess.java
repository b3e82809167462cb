package io.trustgate.s3;

import io.trustgate.s3.spi.BlobStore;

/** Lets tests in sub-packages start an {@link S3TestServer}. */
public final class S3TestServerAccess implements AutoCloseable {

    private final S3TestServer server;

    public S3TestServerAccess(BlobStore store, S3ListenerSettings settings) throws InterruptedException {
        this.server = new S3TestServer(store, settings);
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
