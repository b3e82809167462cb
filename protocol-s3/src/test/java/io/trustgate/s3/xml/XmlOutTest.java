package io.trustgate.s3.xml;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlOutTest {

    /** Parses with the JDK's XML 1.0 parser, as a client would, and returns the text of the first {@code name}. */
    private static String parsedText(byte[] xml, String name) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return doc.getElementsByTagName(name).item(0).getTextContent();
    }

    private static String text(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }

    @Test
    void carriageReturnAndLineFeedAreCharacterReferencesSoAParserReadsTheSameKey() throws Exception {
        for (String key : new String[] {"cr\rx", "lf\nx", "crlf\r\nx", "tab\tx", "a&b<c>d"}) {
            byte[] xml = XmlOut.document("R", true, x -> x.element("Key", key));
            assertThat(parsedText(xml, "Key")).as(key).isEqualTo(key);
            assertThat(text(xml)).doesNotContain("\r").doesNotContain("\n");
        }
        assertThat(text(XmlOut.document("R", true, x -> x.element("Key", "a\r\nb"))))
                .contains("<Key>a&#13;&#10;b</Key>");
    }

    @Test
    void aCharacterXml10CannotCarryIsACharacterReferenceInAnswerDocuments() {
        String xml = text(XmlOut.document("R", true, x -> x.element("Key", "d\u0001k\u001Fz\uFFFF")));
        assertThat(xml).contains("<Key>d&#x1;k&#x1F;z&#xFFFF;</Key>").doesNotContain("\u0001");
    }

    @Test
    void aCharacterXml10CannotCarryIsPercentEncodedInParseableDocuments() throws Exception {
        byte[] xml = XmlOut.document("Error", false, XmlOut.Unrepresentable.PERCENT_ENCODED,
                x -> x.element("Resource", "/b/missing\u0001key\u0000\r"));
        assertThat(parsedText(xml, "Resource")).isEqualTo("/b/missing%01key%00\r");
    }

    @Test
    void supplementaryCharactersStayAndLoneSurrogatesBecomeTheReplacementCharacter() throws Exception {
        byte[] xml = XmlOut.document("R", true, x -> x.element("Key", "a\uD83D\uDE00b\uD800c"));
        assertThat(parsedText(xml, "Key")).isEqualTo("a\uD83D\uDE00b\uFFFDc");
    }

    @Test
    void anAttributeThatCannotBeWrittenExactlyIsRefused() {
        assertThat(text(XmlOut.document("R", true, x -> x.start("G").attribute("t", "CanonicalUser").end())))
                .contains("t=\"CanonicalUser\"");
        assertThatThrownBy(() -> XmlOut.document("R", true, x -> x.start("G").attribute("t", "a\rb").end()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
