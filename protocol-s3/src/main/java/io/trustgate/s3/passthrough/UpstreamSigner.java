package io.trustgate.s3.passthrough;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.trustgate.s3.route.PercentCodec;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.util.List;
import java.util.Map;

/**
 * Builds upstream requests for one object and signs them with the backend's keys (the AWS SDK's standalone SigV4
 * signer), with {@code UNSIGNED-PAYLOAD}: the server in front has already verified the client's payload
 * signature and checksums, and hashing the body again before sending it would mean buffering it.
 */
final class UpstreamSigner {

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity identity;
    private final String region;
    private final String host;
    private final int port;
    private final boolean pathStyle;

    UpstreamSigner(S3PassthroughSettings s) {
        this.identity = AwsCredentialsIdentity.create(s.accessKey(), s.secretKey());
        this.region = s.region();
        this.host = s.endpoint().getHost();
        this.port = s.endpoint().getPort();
        this.pathStyle = s.pathStyle();
    }

    /**
     * A signed request for {@code bucket}/{@code key} with {@code headers} (names as S3 spells them); with
     * {@code contentLength} &gt;= 0 its body follows separately, otherwise it has none.
     */
    HttpRequest sign(HttpMethod method, String bucket, String key, Map<String, String> headers, long contentLength) {
        return sign(method, bucket, key, Map.of(), headers, contentLength);
    }

    /** Like {@link #sign(HttpMethod, String, String, Map, long)}, with query parameters (raw values). */
    HttpRequest sign(HttpMethod method, String bucket, String key, Map<String, String> query,
                     Map<String, String> headers, long contentLength) {
        String path = (pathStyle ? "/" + bucket + "/" : "/") + PercentCodec.encode(key);
        SdkHttpRequest.Builder b = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method.name()))
                // The scheme is not part of the signature; https makes the SDK's signer choose UNSIGNED-PAYLOAD
                // (over http it insists on hashing the payload). The request goes out on the endpoint's scheme.
                .protocol("https")
                .host(pathStyle ? host : bucket + "." + host)
                .port(port > 0 ? port : 443)
                .encodedPath(path);
        query.forEach(b::putRawQueryParameter);
        headers.forEach(b::putHeader);
        if (contentLength >= 0) {
            b.putHeader("Content-Length", Long.toString(contentLength));
        }
        SdkHttpRequest signed = signer.sign(r -> r.identity(identity).request(b.build())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request();
        String uri = path + SdkHttpUtils.encodeAndFlattenQueryParameters(signed.rawQueryParameters())
                .map(q -> "?" + q).orElse("");
        HttpRequest out = contentLength >= 0
                ? new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri)
                : new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER);
        HttpHeaders h = out.headers();
        for (Map.Entry<String, List<String>> e : signed.headers().entrySet()) {
            for (String v : e.getValue()) {
                h.add(e.getKey(), v);
            }
        }
        if (contentLength < 0 && !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            h.set("Content-Length", "0");
        }
        return out;
    }
}
