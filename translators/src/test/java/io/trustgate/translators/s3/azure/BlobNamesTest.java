package io.trustgate.translators.s3.azure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlobNamesTest {

    @Test
    void refusesControlCharactersNonCharactersAndUnpairedSurrogates() {
        for (String key : new String[] {"ctl\u0001x", "nul\u0000", "\u001f", "tab\tkey", "new\nline", "del\u007f",
                "c1\u0081", "\u009f", "nc\ufffe", "nc\uffff", "lone\ud800", "lone\udc00x", "rev\udc00\ud800"}) {
            assertThat(BlobNames.writeRefusal(key)).as(key).isNotNull();
            assertThat(BlobNames.writeRefusal(key).code()).isEqualTo("InvalidArgument");
            assertThat(BlobNames.writeRefusal(key).httpStatus()).isEqualTo(400);
        }
        assertThat(BlobNames.writeRefusal("ctl\u0001x").getMessage()).contains("U+0001", "azure");
    }

    @Test
    void refusesABackslashAsAnotherName() {
        assertThat(BlobNames.readsAsAnotherName("a\\b")).isTrue();
        assertThat(BlobNames.writeRefusal("a\\b").getMessage()).contains("backslash");
    }

    @Test
    void acceptsPrintableUnicodeAndPairedSurrogates() {
        for (String key : new String[] {"a/b c?#%&+=", "a/../b", "dot.", "trail/", "\u00e9\u4e2d", "\u00a0nbsp",
                "emoji\ud83d\ude00", "\ufffd", "~!@$^*()[]{}|;:'\",<>`"}) {
            assertThat(BlobNames.writeRefusal(key)).as(key).isNull();
        }
    }
}
