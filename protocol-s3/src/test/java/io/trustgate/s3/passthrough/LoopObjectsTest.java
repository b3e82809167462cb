package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.ReadHints;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoopObjectsTest {

    @Test
    void forwardsSingleRangesAsS3TakesThem() {
        for (String range : new String[]{"bytes=0-99", "bytes=100-", "bytes=-5", " bytes=3-3 "}) {
            Map<String, String> headers = new LinkedHashMap<>();
            assertThat(LoopObjects.forward(new ReadHints(range, null, null, null, null), headers)).isTrue();
            assertThat(headers).containsEntry("Range", range.trim());
        }
    }

    @Test
    void keepsBackRangesTheServerIgnoresOrJudgesItself() {
        for (String range : new String[]{"bytes=0-1,5-6", "bytes=9-3", "items=0-1", "bytes=-0", "bytes=-",
                "bytes=99999999999999999999-"}) {
            Map<String, String> headers = new LinkedHashMap<>();
            assertThat(LoopObjects.forward(new ReadHints(range, null, null, null, null), headers)).as(range).isFalse();
            assertThat(headers).isEmpty();
        }
    }

    @Test
    void forwardsConditionsAndOnlyDatesThatParse() {
        Map<String, String> headers = new LinkedHashMap<>();
        assertThat(LoopObjects.forward(new ReadHints(null, "\"a\"", "\"b\"", "not a date",
                "Sun, 06 Nov 1994 08:49:37 GMT"), headers)).isTrue();
        assertThat(headers).containsOnly(Map.entry("If-Match", "\"a\""), Map.entry("If-None-Match", "\"b\""),
                Map.entry("If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"));
    }
}
