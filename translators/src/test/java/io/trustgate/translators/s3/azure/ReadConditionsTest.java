package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.models.BlobRequestConditions;
import io.trustgate.s3.spi.ReadHints;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReadConditionsTest {

    private static final String DATE = "Sat, 01 Jan 2000 00:00:00 GMT";
    private static final OffsetDateTime INSTANT = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void noConditionsIsNull() {
        assertThat(ReadConditions.of(null)).isNull();
        assertThat(ReadConditions.of(ReadHints.NONE)).isNull();
        assertThat(ReadConditions.of(new ReadHints("bytes=0-1", null, null, "not a date", "nor this"))).isNull();
    }

    @Test
    void datesGoToAzureInTheServersOrder() {
        BlobRequestConditions both = ReadConditions.of(new ReadHints(null, null, null, DATE, DATE)).toAzure(null);
        assertThat(both.getIfModifiedSince()).isEqualTo(INSTANT);
        assertThat(both.getIfUnmodifiedSince()).isEqualTo(INSTANT);
        assertThat(both.getIfMatch()).isNull();
        ReadConditions withEtags = ReadConditions.of(new ReadHints(null, "\"a\"", "\"b\"", DATE, DATE));
        BlobRequestConditions pinned = withEtags.toAzure("\"0x8D1\"");
        assertThat(pinned.getIfModifiedSince()).as("If-None-Match decides instead").isNull();
        assertThat(pinned.getIfUnmodifiedSince()).as("If-Match decides instead").isNull();
        assertThat(pinned.getIfMatch()).isEqualTo("\"0x8D1\"");
        assertThat(pinned.getIfNoneMatch()).as("S3 ETags never go to Azure").isNull();
    }

    @Test
    void etagsAreJudgedAsTheServerJudgesThem() {
        assertThat(etags("\"abc\"", null).etagsHold("abc")).isTrue();
        assertThat(etags("\"x\", W/\"abc\"", null).etagsHold("abc")).isTrue();
        assertThat(etags("*", null).etagsHold("abc")).isTrue();
        assertThat(etags("\"x\"", null).etagsHold("abc")).isFalse();
        assertThat(etags(null, "\"abc\"").etagsHold("abc")).isFalse();
        assertThat(etags(null, "*").etagsHold("abc")).isFalse();
        assertThat(etags(null, "\"x\"").etagsHold("abc")).isTrue();
        assertThat(etags("\"abc\"", "\"abc\"").etagsHold("abc")).isFalse();
        assertThat(etags(null, null)).isNull();
    }

    private static ReadConditions etags(String ifMatch, String ifNoneMatch) {
        return ReadConditions.of(new ReadHints(null, ifMatch, ifNoneMatch, null, null));
    }
}
