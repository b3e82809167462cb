package io.trustgate.s3.operation;

/** Serves one {@link io.trustgate.s3.route.S3Operation}; called on the connection's event loop. */
@FunctionalInterface
public interface OperationHandler {

    /** Starts the operation; it ends with exactly one {@code respond*} call on {@code exchange}, now or later. */
    void handle(Exchange exchange);
}
