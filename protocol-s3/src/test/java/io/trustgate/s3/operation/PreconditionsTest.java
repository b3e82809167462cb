package io.trustgate.s3.operation;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.trustgate.s3.route.QueryParams;
import io.trustgate.s3.route.S3Operation;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreconditionsTest {

    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");
    private static final ObjectInfo INFO = new ObjectInfo("k", 1, "abc", MODIFIED, null, null, 0);

    private static S3Request request(String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return new S3Request("GET", "/b/k", "", QueryParams.parse(""), h, "b", "k", S3Operation.GET_OBJECT, "id");
    }

    private static String date(Instant i) {
        return DateFormatter.format(Date.from(i));
    }

    private static String code(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (BlobStoreException e) {
            return e.httpStatus() + " " + e.code();
        }
    }

    @Test
    void ifMatchAndIfNoneMatchCompareEtags() {
        assertThat(code(() -> Preconditions.checkRead(request("If-Match", "\"abc\""), INFO))).isEqualTo("ok");
        assertThat(code(() -> Preconditions.checkRead(request("If-Match", "\"zzz\""), INFO)))
                .isEqualTo("412 PreconditionFailed");
        assertThat(code(() -> Preconditions.checkRead(request("If-None-Match", "\"abc\""), INFO)))
                .isEqualTo("304 NotModified");
        assertThat(code(() -> Preconditions.checkRead(request("If-None-Match", "*"), INFO)))
                .isEqualTo("304 NotModified");
    }

    @Test
    void datesCompareToTheSecond() {
        assertThat(code(() -> Preconditions.checkRead(request("If-Modified-Since", date(MODIFIED)), INFO)))
                .isEqualTo("304 NotModified");
        assertThat(code(() -> Preconditions.checkRead(request("If-Modified-Since", date(MODIFIED.minusSeconds(1))),
                INFO))).isEqualTo("ok");
        assertThat(code(() -> Preconditions.checkRead(request("If-Unmodified-Since",
                date(MODIFIED.minusSeconds(1))), INFO))).isEqualTo("412 PreconditionFailed");
    }

    @Test
    void matchingIfMatchOverridesIfUnmodifiedSince() {
        assertThatCode(() -> Preconditions.checkRead(request("If-Match", "abc", "If-Unmodified-Since",
                date(MODIFIED.minusSeconds(60))), INFO)).doesNotThrowAnyException();
    }

    @Test
    void copySourceFailuresAreAll412() {
        assertThat(code(() -> Preconditions.checkCopySource(request("x-amz-copy-source-if-none-match", "abc"), INFO)))
                .isEqualTo("412 PreconditionFailed");
    }

    @Test
    void writeConditionsAcceptStarAndEtags() {
        assertThat(Preconditions.write(request("If-None-Match", "*"))).isEqualTo(new WriteConditions(null, true));
        assertThat(Preconditions.write(request("If-Match", "\"abc\""))).isEqualTo(new WriteConditions("abc", false));
        assertThatThrownBy(() -> Preconditions.write(request("If-None-Match", "\"abc\"")))
                .isInstanceOfSatisfying(BlobStoreException.class, e -> assertThat(e.httpStatus()).isEqualTo(501));
    }
}
