package io.trustgate.s3.spi;

/** The project's four answers to a capability a backend may lack (DESIGN.md). */
public enum Support {
    /** The backend does it. */
    NATIVE,
    /** The server builds it from what the backend has; correct, maybe slower. */
    EMULATED,
    /** A hint that changes no result, dropped. */
    IGNORED,
    /** Answered with {@code 501 NotImplemented} naming the backend. */
    REFUSED
}
