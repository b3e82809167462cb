package io.trustgate.translators.redis.sql.pubsub;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

    private static final byte[] EVERY_BYTE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            EVERY_BYTE[i] = (byte) i;
        }
    }

    @Test
    void messageTextCarriesAnyBytesAndNoNul() {
        String text = Envelope.message("s1", new byte[] {0, '|', ','}, EVERY_BYTE).messageText();
        assertThat(text).doesNotContain("\0").matches("[ -~]+");
        Envelope.Parsed parsed = Envelope.parse(text);
        assertThat(parsed.sender()).isEqualTo("s1");
        assertThat(parsed.rowId()).isZero();
        Envelope e = parsed.envelopes().get(0);
        assertThat(e.kind()).isEqualTo(Envelope.Kind.MESSAGE);
        assertThat(e.channel()).containsExactly(0, '|', ',');
        assertThat(e.message()).isEqualTo(EVERY_BYTE);
    }

    @Test
    void keysTextListsEveryKeyOfOneDb() {
        String text = Envelope.keysText("s2", 7, List.of(new byte[] {'a'}, EVERY_BYTE));
        Envelope.Parsed parsed = Envelope.parse(text);
        assertThat(parsed.envelopes()).hasSize(2).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(Envelope.Kind.KEY);
            assertThat(e.db()).isEqualTo(7);
        });
        assertThat(parsed.envelopes().get(1).channel()).isEqualTo(EVERY_BYTE);
        int base = Envelope.keysText("s2", 7, List.of()).length();
        assertThat(text.length()).as("the length the sender budgets for")
                .isEqualTo(base + Envelope.keyTextLength(new byte[] {'a'}) + Envelope.keyTextLength(EVERY_BYTE) - 1);
    }

    @Test
    void referenceTextNamesARow() {
        Envelope.Parsed parsed = Envelope.parse(Envelope.referenceText("s3", 42));
        assertThat(parsed.rowId()).isEqualTo(42);
        assertThat(parsed.envelopes()).isEmpty();
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> Envelope.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.parse("X|s|a|b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown");
        assertThatThrownBy(() -> Envelope.parse("M|s|!!|b")).isInstanceOf(IllegalArgumentException.class);
    }
}
