package io.trustgate.s3.operation;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.xml.XmlIn;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Small helpers shared by the operation classes. */
final class Responses {

    static final String OWNER_ID = "trustgate";

    private Responses() {
    }

    /** A request body that must be an XML document with root {@code root}; MalformedXML otherwise. */
    static XmlIn.Element xmlBody(byte[] body, String root) {
        XmlIn.Element element;
        try {
            element = XmlIn.parse(body);
        } catch (XmlIn.MalformedXmlException e) {
            throw S3Errors.malformedXml();
        }
        if (!element.name().equals(root)) {
            throw S3Errors.malformedXml();
        }
        return element;
    }

    static HttpHeaders headers() {
        return new DefaultHttpHeaders();
    }

    /** Continues {@code stage} on the event loop: success to {@code then}, failure as the S3 error. */
    static <T> void on(Exchange ex, CompletionStage<T> stage, Consumer<T> then) {
        stage.whenCompleteAsync((value, error) -> {
            if (error != null) {
                ex.respondError(error);
                return;
            }
            try {
                then.accept(value);
            } catch (RuntimeException e) {
                ex.respondError(e);
            }
        }, ex.executor());
    }

    static void ok(Exchange ex, byte[] xml) {
        ex.respond(HttpResponseStatus.OK, headers(), xml);
    }

    static void noContent(Exchange ex) {
        ex.respond(HttpResponseStatus.NO_CONTENT, headers(), null);
    }

    /** Throws 501 naming the backend when {@code store} refuses {@code capability}. */
    static void require(BlobStore store, BlobCapability capability) {
        if (!store.capabilities().has(capability)) {
            throw BlobStoreException.notImplemented(capability.description(), store.kind());
        }
    }

    /** An int query parameter in {@code [min, max]}, {@code fallback} when absent; InvalidArgument otherwise. */
    static int intParam(S3Request r, String name, int fallback, int min, int max) {
        String v = r.query().first(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min) {
                throw new NumberFormatException();
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw io.trustgate.s3.error.S3Errors.invalidArgument("Provided " + name + " not an integer or within "
                    + "integer range");
        }
    }
}
