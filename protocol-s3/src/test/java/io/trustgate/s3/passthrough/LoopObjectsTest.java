package io.trustgate.s3.passthrough;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.CustomerKey;
import io.trustgate.s3.spi.ReadHints;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
    void tellsLoopbackHostsWithoutALookup() {
        for (String host : new String[]{"localhost", "127.0.0.1", "127.9.9.9", "[::1]", "::1"}) {
            assertThat(LoopObjects.loopback(host)).as(host).isTrue();
        }
        for (String host : new String[]{"10.0.0.1", "192.0.2.1", "s3.example.com", "[2001:db8::1]", "localhost.evil"}) {
            assertThat(LoopObjects.loopback(host)).as(host).isFalse();
        }
    }

    @Test
    void aCustomerKeyIsNeverSentOverPlainHttpToAnotherHost() {
        CustomerKey key = new CustomerKey("AES256", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
                "KYvwGXoFFJ42a2u2GDWhwQ==");
        try (S3PassthroughStore store = S3PassthroughStore.open(S3PassthroughSettings.of("remote-http",
                URI.create("http://192.0.2.1:9"), "a", "s"))) {
            Throwable t = catchThrowable(() -> store.openObject("b", "k", false,
                    new ReadHints(null, null, null, null, null, key), null).toCompletableFuture().join());
            assertThat(t).isInstanceOf(CompletionException.class).cause()
                    .isInstanceOfSatisfying(BlobStoreException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(501);
                        assertThat(e.getMessage()).contains("remote-http backend").doesNotContain(key.key());
                    });
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
