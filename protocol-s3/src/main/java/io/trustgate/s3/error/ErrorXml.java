package io.trustgate.s3.error;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.xml.XmlOut;

/**
 * The S3 error document: {@code <Error><Code/><Message/><Resource/><RequestId/></Error>}, with the extra elements
 * some errors carry ({@code InvalidRange}: {@code RangeRequested}, {@code ActualObjectSize}).
 */
public final class ErrorXml {

    private ErrorXml() {
    }

    /**
     * The body for {@code error} on {@code resource} (the request path), not namespaced, as AWS sends it. A character
     * XML 1.0 cannot carry (a key holding U+0001 in the resource or message) is percent-encoded so the document stays
     * parseable and the client still reads the error code; CR and LF are character references.
     */
    public static byte[] body(BlobStoreException error, String resource, String requestId) {
        return XmlOut.document("Error", false, XmlOut.Unrepresentable.PERCENT_ENCODED, x -> {
            x.element("Code", error.code()).element("Message", error.getMessage());
            if (error instanceof S3Errors.RangeNotSatisfiable r) {
                x.element("RangeRequested", r.requested()).element("ActualObjectSize", r.size());
            }
            x.element("Resource", resource).element("RequestId", requestId);
        });
    }
}
