package io.trustgate.s3.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request timestamps parse the same whether or not the text was the last one seen (the one-entry cache). */
class RequestTimeTest {

    @Test
    void eachTextParsesToItsOwnInstantAlsoWhenRepeatedOrAlternated() throws Exception {
        String[] texts = {"20261129T164507Z", "20261129T164507Z", "20261129T164508Z", "20261129T164507Z",
                "20130524T000000Z"};
        for (String text : texts) {
            RequestTime t = RequestTime.fromHeaders(text, null);
            assertThat(t.amzDate()).isEqualTo(text);
            assertThat(t.instant()).isEqualTo(Instant.parse(text.substring(0, 4) + "-" + text.substring(4, 6) + "-"
                    + text.substring(6, 11) + ":" + text.substring(11, 13) + ":" + text.substring(13)));
            assertThat(t.date()).isEqualTo(text.substring(0, 8));
        }
    }

    @Test
    void aMalformedTextAfterAGoodOneIsStillRejected() throws Exception {
        RequestTime.fromHeaders("20261129T164507Z", null);
        assertThatThrownBy(() -> RequestTime.fromHeaders("20261129T164507", null))
                .isInstanceOf(S3AuthException.class);
        assertThatThrownBy(() -> RequestTime.fromAmzDate("2026-11-29T16:45:07Z", true))
                .isInstanceOf(S3AuthException.class).hasMessageContaining("ISO8601");
    }

    @Test
    void aSigningTimeIsFormattedAsTheAmzDateItParsesFrom() throws Exception {
        RequestTime t = RequestTime.ofEpochSecond(Instant.parse("2026-01-02T03:04:05Z").getEpochSecond());
        assertThat(t.amzDate()).isEqualTo("20260102T030405Z");
        assertThat(t.date()).isEqualTo("20260102");
        assertThat(RequestTime.fromAmzDate(t.amzDate(), false).instant()).isEqualTo(t.instant());
    }
}
