package io.trustgate.s3.passthrough;

import io.netty.handler.codec.DecoderException;
import io.trustgate.s3.spi.BlobStoreException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.net.ssl.SSLHandshakeException;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class BackendErrorsTest {

    private final BackendErrors errors = new BackendErrors(
            S3PassthroughSettings.of("up", URI.create("http://127.0.0.1:9100"), "k", "s"));

    private static S3Exception s3(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void upstreamErrorKeepsCodeMessageAndStatus() {
        BlobStoreException e = errors.map(new CompletionException(s3(404, "NoSuchKey", "gone")));
        assertThat(e.code()).isEqualTo("NoSuchKey");
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("gone");
    }

    @Test
    void bodylessAnswerGetsTheCodeS3UsesForItsStatus() {
        BlobStoreException e = errors.map(s3(412, null, null));
        assertThat(e.code()).isEqualTo("PreconditionFailed");
        assertThat(e.httpStatus()).isEqualTo(412);
    }

    @Test
    void rejectedBackendCredentialsAreAccessDeniedNamingTheBackend() {
        BlobStoreException e = errors.map(s3(403, "InvalidAccessKeyId", "no such key id"));
        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).contains("'up'").contains("refused trustgate's credentials")
                .contains("InvalidAccessKeyId").doesNotContain("127.0.0.1").doesNotContain("9100");
        assertThat(e.getCause()).hasMessageContaining("http://127.0.0.1:9100").hasMessageContaining("no such key id");
    }

    @Test
    void anUpstreamSignatureMismatchBlamesTheForwardedRequestNotTheCredentials() {
        BlobStoreException e = errors.map(s3(403, "SignatureDoesNotMatch", "bad sig"));
        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage())
                .isEqualTo("The S3 backend 'up' refused the signature of the forwarded request (SignatureDoesNotMatch)")
                .doesNotContain("credentials");
        assertThat(e.getCause()).hasMessageContaining("http://127.0.0.1:9100").hasMessageContaining("bad sig");
    }

    @Test
    void unreachableUpstreamIsServiceUnavailableNamingIt() {
        BlobStoreException e = errors.map(new CompletionException(SdkClientException.create("unable to connect",
                new ConnectException("Connection refused"))));
        assertThat(e.code()).isEqualTo("ServiceUnavailable");
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).isEqualTo("The S3 backend 'up' is unavailable.");
        assertThat(e.getCause()).as("what the gateway logs").hasMessageContaining("http://127.0.0.1:9100")
                .hasMessageContaining("ConnectException: Connection refused");
    }

    @Test
    void detailOfAFailedReadStaysInTheGateway() {
        BlobStoreException e = errors.unavailable("the object's body ended early at byte 7",
                new java.io.IOException("Connection reset by peer"));
        assertThat(e.getMessage()).isEqualTo("The S3 backend 'up' is unavailable.");
        assertThat(e.getCause()).hasMessageContaining("ended early at byte 7").hasMessageContaining("127.0.0.1")
                .hasRootCauseMessage("Connection reset by peer");
    }

    @Test
    void failedTlsHandshakeIsServiceUnavailableSayingWhy() {
        BlobStoreException e = errors.map(new CompletionException(new DecoderException(
                new SSLHandshakeException("PKIX path building failed"))));
        assertThat(e.code()).isEqualTo("ServiceUnavailable");
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).isEqualTo("The S3 backend 'up' is unavailable: TLS to it failed (an untrusted or "
                + "mismatched certificate: see the backend's tls.caFile).");
        assertThat(e.getCause()).hasMessageContaining("tls.caFile").hasMessageContaining("PKIX path building failed")
                .hasMessageContaining("http://127.0.0.1:9100");
    }

    @Test
    void multipartEtagGivesThePartCount() {
        assertThat(Conversions.partsCount("\"0123abcd-3\"")).isEqualTo(3);
        assertThat(Conversions.partsCount("\"0123abcd\"")).isZero();
    }
}
